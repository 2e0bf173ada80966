package io.jnas.experiment;

import io.jnas.nn.Cost;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.run.Json;
import java.util.Map;

/** {@code jnas cost}'s answer: parameters, MACs (jnas's convention) and FLOPs (NAS-Bench-201's) of one architecture. */
public final class CostReport {
    private CostReport() {
    }

    /**
     * The cost of {@code text} in {@code space} for one channels×size×size image and {@code classes} classes (shape
     * null: the space's default network), as params, macs, flops, input and the architecture's canonical text.
     */
    public static Map<String, Object> of(String space, String text, int channels, int classes, int size, SpaceKit.Shape shape) {
        SpaceKit<Object> kit = SpaceKits.get(space);
        Object arch = kit.parse(text);
        if (classes < 2 || channels < 1) {
            throw new IllegalArgumentException("--classes must be >= 2 and --in-channels >= 1, got " + classes + " and " + channels);
        }
        Cost c = kit.cost(arch, channels, classes, size, shape != null ? shape : kit.defaultShape());
        return Json.ordered("params", c.params(), "macs", c.macs(), "flops", c.flops(), "input", "1x" + channels + "x" + size + "x"
                + size, "arch", kit.space().format(arch));
    }
}
