package io.jnas.search;

import io.jnas.estimate.Score;
import io.jnas.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Uniform random sampling without repeats, up to a budget of distinct architectures. The
 * baseline every other strategy must beat.
 *
 * @param <A> architecture type
 */
public final class RandomSearch<A> implements Strategy<A> {
    private final SearchSpace<A> space;
    private final SplittableRandom random;
    private final int budget;
    private final Set<A> proposed = new HashSet<>();
    private Evaluated<A> best;

    public RandomSearch(SearchSpace<A> space, int budget, long seed) {
        if (budget < 1) {
            throw new IllegalArgumentException("search budget must be >= 1, got " + budget);
        }
        this.space = space;
        this.budget = budget;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public List<A> ask(int n) {
        List<A> out = new ArrayList<>();
        int misses = 0;
        while (out.size() < n && proposed.size() < budget && misses < 1000) {
            A a = space.sample(random);
            if (proposed.add(a)) {
                out.add(a);
                misses = 0;
            } else {
                misses++;
            }
        }
        return out;
    }

    @Override
    public void tell(A arch, Score score) {
        if (best == null || score.value() > best.score().value()) {
            best = new Evaluated<>(arch, score);
        }
    }

    @Override
    public Evaluated<A> best() {
        return best;
    }

    @Override
    public boolean retell(List<Evaluated<A>> rescored) {
        best = null;
        rescored.forEach(e -> tell(e.arch(), e.score()));
        return true;
    }
}
