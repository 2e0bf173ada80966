package io.jnas.space.nb201;

import java.util.Arrays;

/** The five NAS-Bench-201 edge operations, in the benchmark's index order. */
public enum Nb201Op {
    NONE("none"),
    SKIP_CONNECT("skip_connect"),
    NOR_CONV_1X1("nor_conv_1x1"),
    NOR_CONV_3X3("nor_conv_3x3"),
    AVG_POOL_3X3("avg_pool_3x3");

    private final String text;

    Nb201Op(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Parses an operation name; the error lists the allowed names. */
    public static Nb201Op parse(String s) {
        for (Nb201Op op : values()) {
            if (op.text.equals(s)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown NAS-Bench-201 operation '" + s + "' (allowed: "
                + String.join(", ", Arrays.stream(values()).map(Nb201Op::text).toList()) + ")");
    }
}
