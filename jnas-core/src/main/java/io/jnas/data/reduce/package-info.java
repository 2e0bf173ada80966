/**
 * MOTE's reduced dataset (RD): images encoded by an ONNX image model or by their pixels, then a few labels, a few
 * images per label, or random picks kept, stored as an image folder named by the content of its inputs.
 */
package io.jnas.data.reduce;
