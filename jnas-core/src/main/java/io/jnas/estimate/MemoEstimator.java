package io.jnas.estimate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Remembers the scores of the last 256 architectures, so that estimators reading the same training (mote, tse,
 * short_acc) share one estimate of an architecture.
 */
final class MemoEstimator<A> implements Estimator<A> {
    private static final int KEEP = 256;
    private final Estimator<A> inner;
    private final Function<A, String> key;
    private final Map<String, Score> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Score> e) {
            return size() > KEEP;
        }
    };

    MemoEstimator(Estimator<A> inner, Function<A, String> key) {
        this.inner = inner;
        this.key = key;
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
    public RankRule pooled() {
        return inner.pooled();
    }

    @Override
    public void replayed(A arch, Score score) {
        synchronized (recent) {
            recent.put(key.apply(arch), score);
        }
        inner.replayed(arch, score);
    }

    @Override
    public Score estimate(A arch) {
        String k = key.apply(arch);
        synchronized (recent) {
            Score s = recent.get(k);
            if (s != null) {
                return s;
            }
        }
        Score s = inner.estimate(arch);
        synchronized (recent) {
            recent.put(k, s);
        }
        return s;
    }
}
