package io.jnas.search;

import io.jnas.estimate.Score;
import io.jnas.space.SearchSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * MOTE-NAS's evolutionary search (MOTE-NAS, NeurIPS 2024, openreview.net/forum?id=jKLyKeZfzv): a pool seeded with random architectures;
 * iteration i asks for ⌊i/10⌋·10 + 10 children, each at distance one from a parent among the
 * top fraction of the pool by score, never repeating a pool member. MOTE-NAS-RS draws the same budget
 * with {@link RandomSearch}, which samples the same sequence from the same seed.
 *
 * @param <A> architecture type
 */
public final class MoteEvolution<A> implements Strategy<A> {
    private final SearchSpace<A> space;
    private final int initial;
    private final int iterations;
    private final double parentFraction;
    private final SplittableRandom random;
    private final Map<A, Score> pool = new LinkedHashMap<>();
    private final Set<A> asked = new LinkedHashSet<>();
    private int iteration;
    private boolean seeded;

    public MoteEvolution(SearchSpace<A> space, int initial, int iterations, double parentFraction, long seed) {
        if (initial < 1 || iterations < 0 || !(parentFraction > 0 && parentFraction <= 1)) {
            throw new IllegalArgumentException("MOTE evolution needs initial >= 1, iterations >= 0 and a parent fraction in (0, 1]");
        }
        this.space = space;
        this.initial = initial;
        this.iterations = iterations;
        this.parentFraction = parentFraction;
        this.random = new SplittableRandom(seed);
    }

    /** Batch size of iteration i (1-based). */
    public static int batchSize(int i) {
        return (i / 10) * 10 + 10;
    }

    /** Total architectures scored by a full run. */
    public int budget() {
        int n = initial;
        for (int i = 1; i <= iterations; i++) {
            n += batchSize(i);
        }
        return n;
    }

    /** Asks for the next batch; {@code n} is ignored (the schedule fixes batch sizes). */
    @Override
    public List<A> ask(int n) {
        if (!seeded) {
            seeded = true;
            return fresh(initial);
        }
        if (iteration >= iterations) {
            return List.of();
        }
        iteration++;
        int want = batchSize(iteration);
        List<Map.Entry<A, Score>> ranked = new ArrayList<>(pool.entrySet());
        ranked.sort(Comparator.comparingDouble((Map.Entry<A, Score> e) -> -e.getValue().value()));
        int parents = Math.max(1, (int) Math.ceil(parentFraction * ranked.size()));
        Set<A> children = new LinkedHashSet<>();
        for (int p = 0; p < parents; p++) {
            for (A c : space.neighbours(ranked.get(p).getKey())) {
                if (!asked.contains(c)) {
                    children.add(c);
                }
            }
        }
        List<A> list = new ArrayList<>(children);
        shuffle(list);
        List<A> out = new ArrayList<>(list.subList(0, Math.min(want, list.size())));
        if (out.size() < want) {
            out.addAll(fresh(want - out.size()));
        }
        asked.addAll(out);
        return out;
    }

    private List<A> fresh(int k) {
        List<A> out = new ArrayList<>();
        int tries = 0;
        while (out.size() < k && tries++ < k * 1000) {
            A a = space.sample(random);
            if (asked.add(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private void shuffle(List<A> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    @Override
    public void tell(A arch, Score score) {
        pool.put(arch, score);
        asked.add(arch);
    }

    @Override
    public boolean retell(List<Evaluated<A>> rescored) {
        rescored.forEach(e -> pool.put(e.arch(), e.score()));
        return true;
    }

    @Override
    public Evaluated<A> best() {
        return pool.entrySet().stream().max(Comparator.comparingDouble(e -> e.getValue().value()))
                .map(e -> new Evaluated<>(e.getKey(), e.getValue())).orElse(null);
    }

    /** The k best architectures by score, best first. */
    public List<Evaluated<A>> top(int k) {
        return pool.entrySet().stream().sorted(Comparator.comparingDouble(e -> -e.getValue().value())).limit(k)
                .map(e -> new Evaluated<>(e.getKey(), e.getValue())).toList();
    }

    public int iteration() {
        return iteration;
    }

    public int evaluated() {
        return pool.size();
    }
}
