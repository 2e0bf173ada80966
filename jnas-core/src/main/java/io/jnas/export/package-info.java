/**
 * Shipping what a run found: a trained network (train, finetune, a search nat subnet) as an ONNX file with jnas's
 * metadata ({@link io.jnas.export.OnnxExport}, checked against jnas's own outputs, with an optional ONNX Runtime
 * speed comparison), and prediction with that file in ONNX Runtime ({@link io.jnas.export.OnnxModel},
 * {@link io.jnas.export.OnnxPredict}).
 */
package io.jnas.export;
