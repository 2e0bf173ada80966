/** ONNX export of inference networks: a graph builder over ONNX's protobuf classes and the standard operators used. */
package io.jnas.nn.onnx;
