package io.jnas.search.nat;

import io.jnas.estimate.Score;
import io.jnas.run.Seeds;
import io.jnas.search.Strategy;
import io.jnas.space.CostModel;
import io.jnas.space.EncodedSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The NAT / NATv2 loop (NAT, arXiv:2005.05859; NATv2, arXiv:2307.00960) over any integer-encoded space, in ask/tell
 * form: the first batch is the initial archive; each later batch is one iteration's candidates, proposed by NSGA-III
 * on a k-fold accuracy predictor. When a batch's scores are in, the next {@link #ask} closes its iteration:
 * survival (NATv2: back to the archive size by NSGA-III; NAT: the archive grows), adaptation of the scorer
 * ({@link Adapter}, e.g. a super-network trained on subnets drawn like the archive's best), hypervolume, and the
 * {@link Checkpoint} and the progress log. A score's value is an accuracy in %; the error objective is 100 − value,
 * params and MACs come from the cost model. With {@link Strategy.Candidates} from the hooks the predictor also reads
 * their extra inputs, and with a pool every architecture comes from it ({@link Pools}).
 *
 * @param <A> architecture type
 */
public final class NatSearch<A> implements Strategy<A> {
    private final EncodedSpace<A> space;
    private final NatConfig cfg;
    private final Objectives<A> objectives;
    private final Surrogate<A> surrogate;
    private Adapter<A> adapter = (sampler, it) -> { };
    private Checkpoint listener = state -> { };
    private Consumer<String> log = line -> { };
    private Strategy.Candidates<A> candidates = Strategy.Candidates.none();
    private List<Member<A>> archive = new ArrayList<>();
    private final List<Member<A>> history = new ArrayList<>();
    private final List<Member<A>> fresh = new ArrayList<>();
    private final List<Double> hypervolume = new ArrayList<>();
    private int iteration = -1;
    private int evaluated;
    private final Set<A> seen = new LinkedHashSet<>();
    private boolean open;

    public NatSearch(EncodedSpace<A> space, NatConfig cfg, CostModel<A> cost) {
        this.space = space;
        this.cfg = cfg;
        this.objectives = new Objectives<>(cfg.objectives(), cost, space.smallest(), space.largest());
        this.surrogate = new Surrogate<>(space, cfg, objectives);
    }

    /**
     * Takes the search's hooks: the adapter after each iteration (NAT's super-network adaptation), the checkpoint of the
     * state after the initial archive and after each iteration, and the progress log.
     */
    @Override
    public void attach(Hooks<A> hooks) {
        this.adapter = hooks.adapter();
        this.listener = hooks.checkpoint();
        this.log = hooks.log();
        this.candidates = hooks.candidates();
        surrogate.candidates(candidates);
    }

    @Override
    public boolean readsCandidates() {
        return true;
    }

    @Override
    public Class<NatState> stateType() {
        return NatState.class;
    }

    /** Continues after a finished iteration (a resumed run): the next round is iteration {@code state.iteration() + 1}. */
    @Override
    public int restore(Record state) {
        restore((NatState) state);
        return iteration + 1;
    }

    /** Continues after a finished iteration (a resumed run): the next ask proposes iteration {@code state.iteration() + 1}. */
    public NatSearch<A> restore(NatState state) {
        // costs and latencies come from the cost model again (a latency model is stored, so they are the same)
        archive = new ArrayList<>(state.members(space).stream().map(m -> objectives.member(m.arch(), m.error(), m.iteration()))
                .toList());
        history.clear();
        state.historyMembers(space).forEach(m -> history.add(objectives.member(m.arch(), m.error(), m.iteration())));
        hypervolume.clear();
        hypervolume.addAll(state.hypervolume());
        iteration = state.iteration();
        evaluated = state.evaluated();
        seen.clear();
        state.evaluatedArchs().forEach(a -> seen.add(space.parse(a)));
        open = false;
        return this;
    }

    @Override
    public List<A> ask(int n) {
        if (open) {
            close();
        }
        if (iteration >= cfg.iterations() || (iteration >= 0 && evaluated >= cfg.budget())) {
            return List.of();
        }
        iteration++;
        open = true;
        fresh.clear();
        if (iteration == 0) {
            List<A> init = initial();
            log.accept(cfg.policy() + ": evaluating the initial archive of " + init.size() + " architectures");
            return init;
        }
        List<Member<A>> rows = cfg.fit().equals("history") ? history : archive;
        return surrogate.propose(rows, archive, seen, iteration, Math.min(cfg.candidates(), cfg.budget() - evaluated));
    }

    @Override
    public void tell(A arch, Score score) {
        evaluated++;
        seen.add(arch);
        fresh.add(objectives.member(arch, 100.0 - score.value(), iteration));
    }

    private void close() {
        open = false;
        history.addAll(fresh);
        try {
            if (iteration == 0) {
                archive = new ArrayList<>(fresh);
            } else {
                List<Member<A>> all = new ArrayList<>(archive);
                all.addAll(fresh);
                archive = cfg.v2() ? objectives.truncate(all, cfg.objectives(), cfg.archive(), Seeds.mix(cfg.seed(), 3, iteration))
                        : all;
                if (cfg.adaptEpochs() > 0) {
                    adapter.adapt(sampler(archive), iteration);
                }
            }
            hypervolume.add(objectives.hypervolume(archive));
            listener.save(state());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Member<A> best = archive.stream().min(Comparator.comparingDouble(Member::error)).orElseThrow();
        log.accept(String.format("iteration %d/%d: %d evaluated, archive %d, best error %.2f%%, hypervolume %.4f", iteration,
                cfg.iterations(), fresh.size(), archive.size(), best.error(), hypervolume.get(hypervolume.size() - 1)));
    }

    /** The state after the last finished iteration. */
    @Override
    public NatState state() {
        return NatState.of(iteration, evaluated, archive, hypervolume, seen, history, space);
    }

    @Override
    public Evaluated<A> best() {
        return archive.stream().min(Comparator.comparingDouble(Member::error))
                .map(m -> new Evaluated<>(m.arch(), Score.of(100.0 - m.error(), 0))).orElse(null);
    }

    /** The archive after the last finished iteration. */
    public List<Member<A>> archive() {
        return List.copyOf(archive);
    }

    /** The hypervolume after iterations 0..last finished. */
    public List<Double> hypervolume() {
        return List.copyOf(hypervolume);
    }

    /** The archive (errors as of the last iteration, re-evaluated after each adaptation) and the hypervolume trace. */
    @Override
    public Outcome<A> outcome() {
        return new Outcome<>(archive.stream().map(m -> new Kept<>(m.arch(), 100.0 - m.error(), m.iteration())).toList(),
                List.copyOf(hypervolume), evaluated);
    }

    /** The non-dominated members of the archive. */
    public List<Member<A>> front() {
        return Front.nondominated(archive, cfg.objectives());
    }

    /**
     * The initial architectures. NAT: random samples. NATv2: the smallest and the largest plus a choice among 10 ×
     * archive random samples by their cheap objectives, either the published rule ({@code sorting}: non-dominated
     * sorting with reference directions, which keeps the cheapest when params and MACs are correlated) or ours
     * ({@code spread}: farthest-point sampling, so the archive spans every size; on NAS-Bench-201 it lifts the found
     * front's hypervolume from 0.86-0.89 to 0.92-0.94 of the true front's at 100 evaluations, docs/results.md).
     */
    List<A> initial() {
        SplittableRandom r = Seeds.stream(cfg.seed(), 1);
        Set<A> pool = new LinkedHashSet<>();
        if (!cfg.v2()) {
            int guard = 0;
            while (pool.size() < cfg.archive() && guard++ < cfg.archive() * 100) {
                A a = Pools.draw(space, candidates, r);
                if (objectives.feasible(a)) {
                    pool.add(a);
                }
            }
            return List.copyOf(pool);
        }
        int want = Math.min(10 * cfg.archive() - 2, candidates.pooled() ? candidates.pool().size() : Integer.MAX_VALUE);
        int guard = 0;
        while (pool.size() < want && guard++ < want * 20) {
            A a = Pools.draw(space, candidates, r);
            if (objectives.feasible(a)) {
                pool.add(a);
            }
        }
        A low = Pools.extreme(space, candidates, objectives, cfg.objectives(), false);
        A high = Pools.extreme(space, candidates, objectives, cfg.objectives(), true);
        pool.remove(low);
        pool.remove(high);
        List<Member<A>> probe = new ArrayList<>();
        for (A a : pool) {
            probe.add(objectives.member(a, 0, 0));
        }
        List<String> cheap = cfg.objectives().subList(1, cfg.objectives().size());
        List<A> out = new ArrayList<>(List.of(low));
        if (objectives.feasible(high) && !high.equals(low)) {
            out.add(high);
        }
        if (cfg.init().equals("sorting")) {
            objectives.truncate(probe, cheap, cfg.archive() - out.size(), Seeds.mix(cfg.seed(), 2)).forEach(m -> out.add(m.arch()));
            return out;
        }
        // farthest-point sampling in the normalised cheap objectives, from the two extremes
        double[] gap = new double[probe.size()];
        for (int i = 0; i < gap.length; i++) {
            gap[i] = surrogate.distance(probe.get(i), List.of(objectives.member(low, 0, 0), objectives.member(high, 0, 0)));
        }
        int anchors = out.size();
        while (out.size() < cfg.archive() && out.size() - anchors < probe.size()) {
            int pick = 0;
            for (int i = 1; i < gap.length; i++) {
                pick = gap[i] > gap[pick] ? i : pick;
            }
            Member<A> m = probe.get(pick);
            out.add(m.arch());
            for (int i = 0; i < gap.length; i++) {
                gap[i] = Math.min(gap[i], surrogate.distance(probe.get(i), List.of(m)));
            }
            gap[pick] = -1;
        }
        return out;
    }

    /**
     * The adaptation sampler: per gene, the frequencies of its values among the archive's best {@code adaptTop}
     * members (non-dominated order), with add-one smoothing; samples are repaired.
     */
    Function<SplittableRandom, A> sampler(List<Member<A>> members) {
        List<Member<A>> top = objectives.truncate(members, cfg.objectives(), Math.min(cfg.adaptTop(), members.size()),
                Seeds.mix(cfg.seed(), 8, members.size()));
        int genes = space.genes();
        double[][] p = new double[genes][];
        for (int g = 0; g < genes; g++) {
            p[g] = new double[space.upper(g) + 1];
            java.util.Arrays.fill(p[g], 1.0);
        }
        for (Member<A> m : top) {
            int[] code = space.encode(m.arch());
            for (int g = 0; g < genes; g++) {
                p[g][code[g]] += 1;
            }
        }
        return r -> {
            int[] code = new int[genes];
            for (int g = 0; g < genes; g++) {
                double total = 0;
                for (double v : p[g]) {
                    total += v;
                }
                double u = r.nextDouble() * total;
                int v = 0;
                while (v < p[g].length - 1 && (u -= p[g][v]) > 0) {
                    v++;
                }
                code[g] = v;
            }
            return space.decode(space.repair(code));
        };
    }
}
