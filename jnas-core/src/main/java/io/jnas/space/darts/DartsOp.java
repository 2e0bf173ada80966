package io.jnas.space.darts;

import java.util.Arrays;

/** The eight DARTS operations, in the search space's index order. */
public enum DartsOp {
    NONE("none"),
    MAX_POOL_3X3("max_pool_3x3"),
    AVG_POOL_3X3("avg_pool_3x3"),
    SKIP_CONNECT("skip_connect"),
    SEP_CONV_3X3("sep_conv_3x3"),
    SEP_CONV_5X5("sep_conv_5x5"),
    DIL_CONV_3X3("dil_conv_3x3"),
    DIL_CONV_5X5("dil_conv_5x5");

    private final String text;

    DartsOp(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static DartsOp parse(String s) {
        for (DartsOp op : values()) {
            if (op.text.equals(s)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown DARTS operation '" + s + "' (allowed: "
                + String.join(", ", Arrays.stream(values()).map(DartsOp::text).toList()) + ")");
    }
}
