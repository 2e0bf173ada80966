package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one forward pass computed from which array, so that parts of a network that compute the same function of the
 * same array (the edges of a search cell that read one state) compute it once. Entries are keyed by what was computed
 * (a module instance, or a key object such as {@link #RELU}) and by the input array itself, never by its values. A key
 * must name a pure function of the array: the entry is handed to every later caller with that key and array.
 */
public class Reuse {
    /** ReLU of the array. */
    public static final Object RELU = new Object();

    private final Map<Object, Map<NDArray, NDArray>> done = new IdentityHashMap<>();

    /** The value {@code what} of {@code from}, computed by {@code compute} the first time it is asked for. */
    public NDArray of(Object what, NDArray from, Supplier<NDArray> compute) {
        Map<NDArray, NDArray> byInput = done.computeIfAbsent(what, k -> new IdentityHashMap<>());
        NDArray y = byInput.get(from);
        if (y == null) {
            y = compute.get();
            byInput.put(from, y);
        }
        return y;
    }
}
