package io.jnas.nn.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an inference ONNX graph (ONNX's own protobuf classes, as shipped by Tribuo) while the network runs once
 * on an example input: every value name is bound to the array jnas computed for it, so each module knows the
 * shapes it works on and the export can be checked node by node. Initializers are float32; names are unique.
 */
public final class OnnxGraph {
    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("jnas");
    private final Map<String, NDArray> values = new HashMap<>();
    private final Map<String, Integer> used = new HashMap<>();
    private final String input;

    /** Starts a graph whose input {@code name} has the example value {@code example} (N, C, H, W). */
    public OnnxGraph(String name, NDArray example) {
        this.input = name;
        values.put(name, example);
        graph.addInput(valueInfo(name, example.getShape(), true));
    }

    /** The input's name. */
    public String input() {
        return input;
    }

    /** The example value of {@code name}. */
    public NDArray value(String name) {
        NDArray v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no value named " + name + " in the graph");
        }
        return v;
    }

    /** The shape of {@code name}. */
    public Shape shape(String name) {
        return value(name).getShape();
    }

    private String fresh(String hint) {
        int n = used.merge(hint, 1, Integer::sum);
        return n == 1 ? hint : hint + "_" + n;
    }

    /** Adds a float32 (or int64, for int64 arrays) constant and returns its name. */
    public String constant(String hint, NDArray array) {
        String name = fresh(hint);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name);
        for (long d : array.getShape().getShape()) {
            t.addDims(d);
        }
        if (array.getDataType() == DataType.INT64) {
            t.setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber());
            long[] v = array.toLongArray();
            ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(v);
            t.setRawData(ByteString.copyFrom(b.array()));
        } else {
            t.setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
            float[] v = array.toType(DataType.FLOAT32, false).toFloatArray();
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            t.setRawData(ByteString.copyFrom(b.array()));
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds an int64 vector constant. */
    public String ints(String hint, long... v) {
        String name = fresh(hint);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).addDims(v.length)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber());
        for (long x : v) {
            t.addInt64Data(x);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A node attribute. */
    public record Attr(String name, Object value) {
        OnnxMl.AttributeProto proto() {
            OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name);
            if (value instanceof Integer || value instanceof Long) {
                a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
            } else if (value instanceof Float || value instanceof Double) {
                a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
            } else if (value instanceof long[] l) {
                a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
                for (long x : l) {
                    a.addInts(x);
                }
            } else if (value instanceof String s) {
                a.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
            } else {
                throw new IllegalArgumentException("unsupported attribute value " + value);
            }
            return a.build();
        }
    }

    /** Shortcut for an attribute. */
    public static Attr attr(String name, Object value) {
        return new Attr(name, value);
    }

    /**
     * Adds node {@code op} over {@code inputs}; its output is bound to {@code value} (what jnas computed for it).
     *
     * @return the output's name
     */
    public String node(String op, List<String> inputs, NDArray value, Attr... attrs) {
        String out = fresh(op.toLowerCase(java.util.Locale.ROOT));
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
        inputs.forEach(n::addInput);
        for (Attr a : attrs) {
            n.addAttribute(a.proto());
        }
        graph.addNode(n);
        values.put(out, value);
        return out;
    }

    /** Ends the graph with output {@code name} (renamed "logits") and returns the model. */
    public OnnxMl.ModelProto model(String name, int opset, Map<String, String> metadata, String producerVersion) {
        OnnxMl.NodeProto.Builder id = OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName("logits").addInput(name)
                .addOutput("logits");
        graph.addNode(id);
        graph.addOutput(valueInfo("logits", shape(name), true));
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("jnas")
                .setProducerVersion(producerVersion).setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        metadata.forEach((k, v) -> m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, Shape shape, boolean dynamicBatch) {
        OnnxMl.TensorShapeProto.Builder s = OnnxMl.TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.dimension(); i++) {
            OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (i == 0 && dynamicBatch) {
                d.setDimParam("batch");
            } else {
                d.setDimValue(shape.get(i));
            }
            s.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(s)))
                .build();
    }
}
