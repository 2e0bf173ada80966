package io.jnas.toy;

import io.jnas.estimate.Score;
import io.jnas.search.Strategy;
import io.jnas.search.StrategyConfig;
import io.jnas.search.StrategyOptions;
import io.jnas.search.StrategyProvider;
import io.jnas.space.CostModel;
import io.jnas.space.SearchSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A stateful strategy defined in test code only, declared in {@code META-INF/services/io.jnas.search.StrategyProvider}:
 * hill climbing, {@code batch} mutations of the best so far per round (random architectures in round 0). Its state (the
 * round, the best, what it has seen) is checkpointed after every round and restored on resume, through the strategy
 * lifecycle alone ({@code --strategy climb --strategy-option batch=3}).
 *
 * @param rounds rounds to run
 * @param batch architectures per round
 * @param seed seed of the draws (round r draws from seed + r)
 */
public record Climb(int rounds, int batch, long seed) implements StrategyConfig {
    public Climb {
        if (rounds < 1 || batch < 1) {
            throw new IllegalArgumentException("climb needs rounds >= 1 and batch >= 1, got " + rounds + " and " + batch);
        }
    }

    @Override
    public int budget() {
        return rounds * batch;
    }

    @Override
    public <A> Strategy<A> create(SearchSpace<A> space, CostModel<A> cost) {
        return new Run<>(space, this);
    }

    /** The state after a finished round. */
    public record State(int round, String best, double bestScore, List<String> seen) {
    }

    /** Declares the strategy "climb". */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return "climb";
        }

        @Override
        public String description() {
            return "hill climbing from random architectures (a test strategy)";
        }

        @Override
        public Class<? extends StrategyConfig> configType() {
            return Climb.class;
        }

        @Override
        public StrategyConfig config(StrategyOptions o) {
            o.allow(name(), "batch", "rounds");
            int batch = o.integer("batch", 4);
            return new Climb(o.integer("rounds", Math.max(1, o.budget() / batch)), batch, o.seed());
        }
    }

    private static final class Run<A> implements Strategy<A> {
        private final SearchSpace<A> space;
        private final Climb cfg;
        private final Set<String> seen = new LinkedHashSet<>();
        private Hooks<A> hooks;
        private int round = -1;
        private int waiting;
        private A best;
        private double bestScore = Double.NEGATIVE_INFINITY;

        Run(SearchSpace<A> space, Climb cfg) {
            this.space = space;
            this.cfg = cfg;
        }

        @Override
        public void attach(Hooks<A> h) {
            hooks = h;
        }

        @Override
        public List<A> ask(int n) {
            if (round + 1 >= cfg.rounds()) {
                return List.of();
            }
            round++;
            SplittableRandom r = new SplittableRandom(cfg.seed() + round);
            List<A> out = new ArrayList<>();
            for (int tries = 0; out.size() < cfg.batch() && tries < 1000; tries++) {
                A a = best == null ? space.sample(r) : space.mutate(best, r);
                if (seen.add(space.format(a))) {
                    out.add(a);
                }
            }
            waiting = out.size();
            return out;
        }

        @Override
        public void tell(A arch, Score score) {
            if (score.value() > bestScore) {
                bestScore = score.value();
                best = arch;
            }
            if (--waiting == 0 && hooks != null) {
                try {
                    hooks.checkpoint().save(state());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public Evaluated<A> best() {
            return best == null ? null : new Evaluated<>(best, Score.of(bestScore, 0));
        }

        @Override
        public Class<State> stateType() {
            return State.class;
        }

        @Override
        public State state() {
            return new State(round, best == null ? null : space.format(best), bestScore, List.copyOf(seen));
        }

        @Override
        public int restore(Record s) {
            State st = (State) s;
            round = st.round();
            best = st.best() == null ? null : space.parse(st.best());
            bestScore = st.bestScore();
            seen.clear();
            seen.addAll(st.seen());
            return round + 1;
        }
    }
}
