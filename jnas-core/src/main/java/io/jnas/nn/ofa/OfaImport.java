package io.jnas.nn.ofa;

import ai.djl.ndarray.NDArray;
import io.jnas.nn.NoGrad;
import io.jnas.run.TorchCheckpoint.Tensor;
import io.jnas.space.ofa.OfaLayout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The once-for-all project's MobileNetV3 super-network ({@code OFAMobileNetV3}, e.g. {@code ofa_mbv3_d234_e346_k357_w1.0})
 * as a jnas {@link OfaNetwork}: every key of its state dict mapped to the jnas parameter holding the same tensor. OFA
 * numbers its blocks 0 (the fixed first block) and 1 + 4·stage + j; its kernel-transform matrices are applied as
 * {@code F.linear(w, M)} = w·Mᵀ where jnas multiplies w·T, so T = Mᵀ. BN's {@code num_batches_tracked} has no
 * counterpart (jnas's BN momentum is fixed) and is skipped.
 */
public final class OfaImport {
    private static final String[] BN = {"gamma", "weight", "beta", "bias", "running_mean", "running_mean", "running_var",
        "running_var"};

    private OfaImport() {
    }

    /** The width multiplier of an OFA MobileNetV3 state dict (1.0 or 1.2), read from its stem and head widths. */
    public static double width(Map<String, Tensor> sd) {
        long stem = shape(sd, "first_conv.conv.weight")[0];
        long head = shape(sd, "final_expand_layer.conv.weight")[0];
        for (double w : new double[] {1.0, 1.2}) {
            if (OfaLayout.stem(w) == stem && OfaLayout.finalExpand(w) == head) {
                return w;
            }
        }
        throw new IllegalArgumentException("an OFA MobileNetV3 super-network has width 1.0 or 1.2; this one has a " + stem
                + "-channel stem and a " + head + "-channel head");
    }

    /** The classes of an OFA MobileNetV3 state dict (rows of its classifier). */
    public static int classes(Map<String, Tensor> sd) {
        return Math.toIntExact(shape(sd, "classifier.linear.weight")[0]);
    }

    private static long[] shape(Map<String, Tensor> sd, String key) {
        Tensor t = sd.get(key);
        if (t == null) {
            throw new IllegalArgumentException("the checkpoint has no " + key + ": not an OFA MobileNetV3 super-network");
        }
        return t.shape();
    }

    /**
     * Copies the state dict into {@code net}, a plain OFA super-network ({@link OfaNetwork#supernet}) of the same
     * width. With {@code classifier} false the classifier is left as it is (a new one for the user's classes); a
     * one-channel stem takes the sum of the RGB filters. An unknown or missing key, or a shape that does not fit, is
     * an {@link IllegalArgumentException} naming it.
     */
    public static void load(Map<String, Tensor> sd, OfaNetwork net, boolean classifier) {
        Map<String, String> keys = keys(net);
        Set<String> unused = new TreeSet<>(sd.keySet());
        unused.removeIf(k -> k.endsWith(".num_batches_tracked"));
        Map<String, NDArray> arrays = net.namedArrays();
        try (NoGrad ng = new NoGrad()) {
            for (Map.Entry<String, String> e : keys.entrySet()) {
                String ofa = e.getValue();
                unused.remove(ofa);
                if (!classifier && ofa.startsWith("classifier.")) {
                    continue;
                }
                Tensor t = sd.get(ofa);
                if (t == null) {
                    throw new IllegalArgumentException("the checkpoint has no " + ofa + " (for " + e.getKey()
                            + "): not an OFA MobileNetV3 super-network of this shape");
                }
                NDArray dst = arrays.get(e.getKey());
                float[] v = values(ofa, t, dst.getShape().getShape());
                if (dst.getDataType() == ai.djl.ndarray.types.DataType.FLOAT64) {
                    double[] d = new double[v.length];
                    for (int i = 0; i < v.length; i++) {
                        d[i] = v[i];
                    }
                    dst.set(d);
                } else {
                    dst.set(v);
                }
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint holds " + unused.size() + " key(s) an OFA MobileNetV3 "
                    + "super-network does not have, e.g. " + unused.iterator().next());
        }
    }

    /** The tensor's values for a jnas parameter of shape {@code to}: transposed, or summed over RGB, where needed. */
    private static float[] values(String key, Tensor t, long[] to) {
        float[] v = t.values();
        if (key.endsWith("to5_matrix") || key.endsWith("to3_matrix")) {
            v = transpose(v, (int) t.shape()[0], (int) t.shape()[1]);
        } else if (key.equals("first_conv.conv.weight") && to.length == 4 && to[1] == 1 && t.shape()[1] == 3) {
            v = sumChannels(v, t.shape());
            return check(key, v, new long[] {t.shape()[0], 1, t.shape()[2], t.shape()[3]}, to);
        }
        return check(key, v, t.shape(), to);
    }

    private static float[] check(String key, float[] v, long[] shape, long[] to) {
        if (!Arrays.equals(shape, to)) {
            throw new IllegalArgumentException("checkpoint tensor " + key + " has shape " + Arrays.toString(shape)
                    + " where this super-network needs " + Arrays.toString(to) + " (another width or kernel/expand choices?)");
        }
        return v;
    }

    private static float[] transpose(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = v[i * cols + j];
            }
        }
        return out;
    }

    private static float[] sumChannels(float[] v, long[] s) {
        int out = (int) s[0];
        int in = (int) s[1];
        int k = (int) (s[2] * s[3]);
        float[] r = new float[out * k];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int i = 0; i < k; i++) {
                    r[o * k + i] += v[(o * in + c) * k + i];
                }
            }
        }
        return r;
    }

    /** jnas parameter name → OFA state-dict key, for every parameter of {@code net}. */
    static Map<String, String> keys(OfaNetwork net) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : net.namedArrays().keySet()) {
            out.put(name, key(name));
        }
        return out;
    }

    private static String key(String name) {
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot + 1);
        return switch (head) {
            case "stem" -> "first_conv.conv.weight";
            case "stem_bn" -> "first_conv.bn." + bn(rest);
            case "first_dw" -> "blocks.0.conv.depth_conv.conv.weight";
            case "first_bn1" -> "blocks.0.conv.depth_conv.bn." + bn(rest);
            case "first_project" -> "blocks.0.conv.point_linear.conv.weight";
            case "first_bn2" -> "blocks.0.conv.point_linear.bn." + bn(rest);
            case "exit5" -> head(rest);
            default -> block(head, rest, name);
        };
    }

    private static String head(String rest) {
        if (rest.startsWith("bn.")) {
            return "final_expand_layer.bn." + bn(rest.substring(3));
        }
        return switch (rest) {
            case "expand" -> "final_expand_layer.conv.weight";
            case "mix" -> "feature_mix_layer.conv.weight";
            case "classifier.weight" -> "classifier.linear.weight";
            case "classifier.bias" -> "classifier.linear.bias";
            default -> throw unmapped("exit5." + rest);
        };
    }

    private static String block(String head, String rest, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("s(\\d)b(\\d)").matcher(head);
        if (!m.matches() || !rest.startsWith("mb.")) {
            throw unmapped(name);
        }
        String b = "blocks." + (1 + 4 * (Integer.parseInt(m.group(1)) - 1) + Integer.parseInt(m.group(2)) - 1) + ".conv.";
        String p = rest.substring(3);
        int d = p.indexOf('.');
        if (d > 0) {
            String layer = switch (p.substring(0, d)) {
                case "bn1" -> "inverted_bottleneck";
                case "bn2" -> "depth_conv";
                case "bn3" -> "point_linear";
                default -> throw unmapped(name);
            };
            return b + layer + ".bn.bn." + bn(p.substring(d + 1));
        }
        return b + switch (p) {
            case "expand" -> "inverted_bottleneck.conv.conv.weight";
            case "depthwise" -> "depth_conv.conv.conv.weight";
            case "t7to5" -> "depth_conv.conv.7to5_matrix";
            case "t5to3" -> "depth_conv.conv.5to3_matrix";
            case "se_reduce" -> "depth_conv.se.fc.reduce.weight";
            case "se_reduce_bias" -> "depth_conv.se.fc.reduce.bias";
            case "se_expand" -> "depth_conv.se.fc.expand.weight";
            case "se_expand_bias" -> "depth_conv.se.fc.expand.bias";
            case "project" -> "point_linear.conv.conv.weight";
            default -> throw unmapped(name);
        };
    }

    private static String bn(String jnas) {
        for (int i = 0; i < BN.length; i += 2) {
            if (BN[i].equals(jnas)) {
                return BN[i + 1];
            }
        }
        throw unmapped(jnas);
    }

    private static IllegalArgumentException unmapped(String name) {
        return new IllegalArgumentException("the jnas parameter " + name + " has no counterpart in OFA's MobileNetV3 (OFAv2 "
                + "branches, exits and dense skips are not in the published super-networks: import into --space ofa)");
    }
}
