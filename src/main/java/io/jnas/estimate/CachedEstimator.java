package io.jnas.estimate;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Decorator that answers from known scores (replayed from a run's log when it resumes) and
 * reports every new score to a recorder (which appends it to the log), so no finished
 * estimate is ever computed twice.
 *
 * @param <A> architecture type
 */
public final class CachedEstimator<A> implements Estimator<A> {
    private final Estimator<A> inner;
    private final Map<String, Score> known;
    private final Function<A, String> key;
    private final BiConsumer<String, Score> recorder;

    public CachedEstimator(Estimator<A> inner, Map<String, Score> known, Function<A, String> key,
            BiConsumer<String, Score> recorder) {
        this.inner = inner;
        this.known = known;
        this.key = key;
        this.recorder = recorder;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public boolean parallelSafe() {
        return inner.parallelSafe();
    }

    @Override
    public Score estimate(A arch) {
        String k = key.apply(arch);
        Score s = known.get(k);
        if (s == null) {
            s = inner.estimate(arch);
            recorder.accept(k, s);
            known.put(k, s);
        }
        return s;
    }
}
