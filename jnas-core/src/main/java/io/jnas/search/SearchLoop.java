package io.jnas.search;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.RankRule;
import io.jnas.estimate.Score;
import io.jnas.engine.InFlight;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Drives a strategy: ask a batch (a round), score it with N calls in flight ({@link InFlight}), tell the scores, until the strategy
 * asks nothing more. Scores of an earlier, interrupted run are replayed by (round, architecture) instead of being
 * computed again, so a resumed search proposes exactly what the uninterrupted one did and scores only the rest.
 *
 * @param <A> architecture type
 */
public final class SearchLoop<A> {
    /**
     * Receives every score as soon as it is known (a fresh one on the worker that computed it, so that it is recorded
     * before the rest of its round finishes; implementations must be thread-safe), with whether it was replayed.
     */
    public interface Listener<A> {
        void scored(int round, A arch, Score score, boolean replayed) throws IOException;
    }

    private final Strategy<A> strategy;
    private final Estimator<A> estimator;
    private final InFlight engine;
    private final Function<A, String> text;
    private Map<String, Score> known = Map.of();

    /** @param text the canonical text of an architecture (the replay key) */
    public SearchLoop(Strategy<A> strategy, Estimator<A> estimator, InFlight engine, Function<A, String> text) {
        this.strategy = strategy;
        this.estimator = estimator;
        this.engine = engine;
        this.text = text;
        if (estimator.pooled() != null && !strategy.retell(List.of())) {
            throw new IllegalArgumentException("estimator " + estimator.name() + " ranks architectures against each other "
                    + "and this strategy cannot take re-ranked scores; use the evolution or random strategy");
        }
    }

    /** Scores of an earlier run by {@link #key}; they are told instead of computed. */
    public SearchLoop<A> replaying(Map<String, Score> scores) {
        this.known = Map.copyOf(scores);
        return this;
    }

    /** The replay key of an architecture's text in a round. */
    public static String key(int round, String arch) {
        return round + "|" + arch;
    }

    /**
     * Runs until the strategy has nothing more to ask, numbering rounds from {@code firstRound} (0, or the round after
     * a restored strategy's last one); returns every evaluation in order.
     */
    public List<Strategy.Evaluated<A>> run(int firstRound, Listener<A> listener) throws IOException {
        List<Strategy.Evaluated<A>> all = new ArrayList<>();
        for (int round = firstRound; ; round++) {
            List<A> asked = strategy.ask(Integer.MAX_VALUE);
            if (asked.isEmpty()) {
                return all;
            }
            List<Callable<Score>> jobs = new ArrayList<>();
            List<Integer> fresh = new ArrayList<>();
            Score[] scores = new Score[asked.size()];
            for (int i = 0; i < asked.size(); i++) {
                A a = asked.get(i);
                int r = round;
                scores[i] = known.get(key(round, text.apply(a)));
                if (scores[i] == null) {
                    fresh.add(i);
                    jobs.add(() -> {
                        Score s = estimator.estimate(a);
                        listener.scored(r, a, s, false);
                        return s;
                    });
                } else {
                    estimator.replayed(a, scores[i]);
                    listener.scored(round, a, scores[i], true);
                }
            }
            List<Score> computed = engine.runAll(jobs);
            for (int j = 0; j < fresh.size(); j++) {
                scores[fresh.get(j)] = computed.get(j);
            }
            for (int i = 0; i < asked.size(); i++) {
                strategy.tell(asked.get(i), scores[i]);
                all.add(new Strategy.Evaluated<>(asked.get(i), scores[i]));
            }
            rerank(all);
        }
    }

    /**
     * With a pool-dependent estimator, every score so far becomes the estimator's rule over all of them (each was
     * ranked against those before it when it was computed), and the strategy is told the new scores.
     */
    private void rerank(List<Strategy.Evaluated<A>> all) {
        RankRule rule = estimator.pooled();
        if (rule == null) {
            return;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        all.forEach(e -> index.putIfAbsent(text.apply(e.arch()), index.size()));
        Map<String, double[]> leaves = new LinkedHashMap<>();
        for (String l : rule.leaves()) {
            double[] v = new double[index.size()];
            all.forEach(e -> v[index.get(text.apply(e.arch()))] = e.score().terms().getOrDefault(l, Double.NaN));
            leaves.put(l, v);
        }
        double[] value = rule.apply(leaves);
        all.replaceAll(e -> new Strategy.Evaluated<>(e.arch(), new Score(value[index.get(text.apply(e.arch()))],
                e.score().terms(), e.score().seconds())));
        strategy.retell(all);
    }
}
