package io.jnas.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Extension points found by name: the built-in implementations of an interface plus every implementation that a
 * jar on the class path declares as a {@link ServiceLoader} provider ({@code META-INF/services/<interface>}). One
 * registry each for experiments, space kits, estimators and strategies; nothing else in jnas branches on a name.
 *
 * @param <T> the extension interface
 */
public final class Registry<T> {
    private final String what;
    private final Map<String, T> byName;

    private Registry(String what, Map<String, T> byName) {
        this.what = what;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * The registry of {@code type}: the providers on the class path, in class-path order.
     *
     * @param what what the names name, for messages ("space", "estimator", ...)
     * @param name the name of a provider
     */
    public static <T> Registry<T> load(String what, Class<T> type, Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : ServiceLoader.load(type, Registry.class.getClassLoader())) {
            T before = m.putIfAbsent(name.apply(t), t);
            if (before != null && before.getClass() != t.getClass()) {
                throw new IllegalStateException("two " + what + "s are called '" + name.apply(t) + "': "
                        + before.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        return new Registry<>(what, m);
    }

    /** The provider called {@code name}; an IllegalArgumentException lists the names there are. */
    public T get(String name) {
        T t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown " + what + " '" + name + "' (available: " + String.join(", ", names())
                    + ")");
        }
        return t;
    }

    /** Whether a provider is called {@code name}. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Every name, in registration order. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** Every provider, in registration order. */
    public List<T> all() {
        return new ArrayList<>(byName.values());
    }
}
