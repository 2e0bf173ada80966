package io.jnas.nn.kit;

import io.jnas.run.Registry;
import java.util.List;

/** The space kits by name: nb201, darts and ofa, plus any declared as {@code META-INF/services/io.jnas.nn.kit.SpaceKit}. */
public final class SpaceKits {
    @SuppressWarnings("rawtypes")
    private static final Registry<SpaceKit> KITS = Registry.load("space", SpaceKit.class, SpaceKit::name);

    private SpaceKits() {
    }

    /** The kit called {@code name}; IllegalArgumentException naming the spaces there are. */
    @SuppressWarnings("unchecked")
    public static <A> SpaceKit<A> get(String name) {
        return KITS.get(name);
    }

    /** Every space name. */
    public static List<String> names() {
        return KITS.names();
    }
}
