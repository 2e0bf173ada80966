package io.jnas.search.nat;

import io.jnas.estimate.predict.KFoldEnsemble;
import io.jnas.run.Seeds;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.moeaframework.algorithm.NSGAIII;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.indicator.Hypervolume;
import org.moeaframework.core.initialization.InjectedInitialization;
import org.moeaframework.core.operator.CompoundVariation;
import org.moeaframework.core.operator.TwoPointCrossover;
import org.moeaframework.core.operator.real.PM;
import org.moeaframework.core.population.NondominatedPopulation;
import org.moeaframework.core.population.NondominatedSortingPopulation;
import org.moeaframework.core.population.ReferencePointNondominatedSortingPopulation;
import org.moeaframework.core.variable.RealVariable;
import org.moeaframework.problem.AbstractProblem;
import org.moeaframework.util.weights.NormalBoundaryDivisions;

/**
 * The NAT / NATv2 search loop (NAT, arXiv:2005.05859; NATv2, arXiv:2307.00960) over an OFA subnet space: archive initialisation,
 * then per iteration predictor fit → NSGA-III on the predictor → candidate choice → evaluation →
 * survival → super-network adaptation → hypervolume. How a subnet is scored and how the
 * super-network is adapted are given from outside ({@link Scorer}, {@link Adapter}); the loop
 * knows only encodings and objective values.
 *
 * <p>MOEA Framework draws from its global {@link PRNG}; it is re-seeded from the run's seed
 * before every use, so runs stay reproducible (the loop is single-threaded).
 */
public final class NatSearch {
    /** Scores a subnet: validation top-1 error in % with inherited weights. */
    public interface Scorer {
        double error(OfaSubnet s, int iteration) throws IOException;
    }

    /** Adapts the super-network by training subnets drawn from {@code sampler}. */
    public interface Adapter {
        void adapt(Function<SplittableRandom, OfaSubnet> sampler, int iteration) throws IOException;
    }

    /** Receives the state after the initial archive and after each iteration (checkpointing, progress). */
    public interface Listener {
        void iterationDone(int iteration, List<Member> archive, List<Double> hypervolume) throws IOException;
    }

    private final OfaSpace space;
    private final NatConfig cfg;
    private final int inChannels;
    private final int classes;
    private final OfaCost low;
    private final OfaCost high;

    public NatSearch(OfaSpace space, NatConfig cfg, int inChannels, int classes) {
        this.space = space;
        this.cfg = cfg;
        this.inChannels = inChannels;
        this.classes = classes;
        this.low = OfaCost.of(space.smallest(), inChannels, classes);
        this.high = OfaCost.of(space.largest(), inChannels, classes);
    }

    public NatConfig config() {
        return cfg;
    }

    /** Evaluates a subnet into an archive member. */
    Member member(OfaSubnet s, double error, int iteration) {
        OfaCost c = OfaCost.of(s, inChannels, classes);
        return new Member(s, error, c.params(), c.macs(), iteration);
    }

    /**
     * Runs (or continues) the loop. {@code archive} and {@code hv} hold the state of the last
     * finished iteration {@code done} (-1 = nothing yet).
     */
    public List<Member> run(List<Member> archive, List<Double> hv, int done, Scorer scorer, Adapter adapter,
            Listener listener, java.util.function.Consumer<String> log) throws IOException {
        List<Member> arch = new ArrayList<>(archive);
        List<Double> hvs = new ArrayList<>(hv);
        if (done < 0) {
            List<OfaSubnet> init = initialSubnets();
            log.accept(cfg.policy() + ": evaluating the initial archive of " + init.size() + " subnets");
            int i = 0;
            for (OfaSubnet s : init) {
                arch.add(member(s, scorer.error(s, 0), 0));
                if (++i % 10 == 0 || i == init.size()) {
                    log.accept(String.format("  initial %d/%d", i, init.size()));
                }
            }
            hvs.add(hypervolume(arch));
            listener.iterationDone(0, arch, hvs);
            log.accept(String.format("iteration 0: archive %d, hypervolume %.4f", arch.size(), hvs.get(0)));
            done = 0;
        }
        for (int it = done + 1; it <= cfg.iterations(); it++) {
            List<OfaSubnet> cands = propose(arch, it);
            for (OfaSubnet s : cands) {
                arch.add(member(s, scorer.error(s, it), it));
            }
            arch = survive(arch, it);
            if (cfg.adaptEpochs() > 0) {
                adapter.adapt(sampler(arch), it);
            }
            hvs.add(hypervolume(arch));
            listener.iterationDone(it, arch, hvs);
            Member best = arch.stream().min(Comparator.comparingDouble(Member::error)).orElseThrow();
            log.accept(String.format("iteration %d/%d: %d candidates, archive %d, best error %.2f%%, hypervolume %.4f", it,
                    cfg.iterations(), cands.size(), arch.size(), best.error(), hvs.get(hvs.size() - 1)));
        }
        return arch;
    }

    /** The initial subnets: NATv2 space-filling choice plus the extremes; NAT random samples. */
    public List<OfaSubnet> initialSubnets() {
        SplittableRandom r = Seeds.stream(cfg.seed(), 1);
        Set<OfaSubnet> pool = new LinkedHashSet<>();
        if (!cfg.v2()) {
            int guard = 0;
            while (pool.size() < cfg.archive() && guard++ < cfg.archive() * 100) {
                pool.add(space.sample(r));
            }
            return List.copyOf(pool);
        }
        int want = 10 * cfg.archive() - 2;
        int guard = 0;
        while (pool.size() < want && guard++ < want * 20) {
            pool.add(space.sample(r));
        }
        pool.remove(space.smallest());
        pool.remove(space.largest());
        List<String> cheap = cfg.objectives().subList(1, cfg.objectives().size());
        List<Member> probe = new ArrayList<>();
        for (OfaSubnet s : pool) {
            probe.add(member(s, 0, 0));
        }
        List<Member> kept = truncate(probe, cheap, cfg.archive() - 2, Seeds.mix(cfg.seed(), 2));
        List<OfaSubnet> out = new ArrayList<>();
        out.add(space.smallest());
        out.add(space.largest());
        kept.forEach(m -> out.add(m.subnet()));
        return out;
    }

    /** Keeps {@code n} members by non-dominated sorting with reference directions (crowding for ≤ 2 objectives). */
    List<Member> truncate(List<Member> members, List<String> objectives, int n, long seed) {
        if (members.size() <= n) {
            return members;
        }
        PRNG.setSeed(seed);
        Map<Solution, Member> back = new IdentityHashMap<>();
        List<Solution> sols = new ArrayList<>();
        for (Member m : members) {
            Solution s = new Solution(0, objectives.size());
            s.setObjectiveValues(normalised(m, objectives));
            back.put(s, m);
            sols.add(s);
        }
        NondominatedSortingPopulation pop = objectives.size() >= 3
                ? new ReferencePointNondominatedSortingPopulation(objectives.size(), new NormalBoundaryDivisions(12), sols)
                : new NondominatedSortingPopulation(sols);
        pop.truncate(n);
        List<Member> out = new ArrayList<>();
        for (Solution s : pop) {
            out.add(back.get(s));
        }
        return out;
    }

    private double[] normalised(Member m, List<String> objectives) {
        double[] o = m.objectives(objectives);
        for (int i = 0; i < o.length; i++) {
            o[i] = switch (objectives.get(i)) {
                case "error" -> o[i] / 100.0;
                case "params" -> (o[i] - low.params()) / Math.max(1.0, high.params() - low.params());
                default -> (o[i] - low.macs()) / Math.max(1.0, high.macs() - low.macs());
            };
        }
        return o;
    }

    /** NATv2 survival back to the archive size; NAT's archive grows. */
    List<Member> survive(List<Member> archive, int iteration) {
        return cfg.v2() ? truncate(archive, cfg.objectives(), cfg.archive(), Seeds.mix(cfg.seed(), 3, iteration)) : archive;
    }

    /** Predictor input of a subnet: the integer code (NATv2) or its one-hot expansion (NAT). */
    double[] features(OfaSubnet s) {
        int[] code = space.encode(s);
        if (cfg.v2()) {
            double[] f = new double[code.length];
            for (int i = 0; i < code.length; i++) {
                f[i] = code[i];
            }
            return f;
        }
        int width = 0;
        for (int g = 0; g < code.length; g++) {
            width += space.upper(g) + 1;
        }
        double[] f = new double[width];
        int off = 0;
        for (int g = 0; g < code.length; g++) {
            f[off + code[g]] = 1;
            off += space.upper(g) + 1;
        }
        return f;
    }

    /** Fits the predictor on the archive, runs NSGA-III on it and chooses the candidates to evaluate. */
    public List<OfaSubnet> propose(List<Member> archive, int iteration) {
        double[][] x = new double[archive.size()][];
        double[] y = new double[archive.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = features(archive.get(i).subnet());
            y[i] = archive.get(i).error();
        }
        KFoldEnsemble predictor = new KFoldEnsemble(cfg.predictor(), cfg.folds(), Seeds.mix(cfg.seed(), 4, iteration));
        predictor.fit(x, y);
        Map<OfaSubnet, Double> predicted = new LinkedHashMap<>();
        SurrogateProblem problem = new SurrogateProblem(predictor, predicted);
        PRNG.setSeed(Seeds.mix(cfg.seed(), 5, iteration));
        List<Solution> seeds = new ArrayList<>();
        for (Member m : truncate(archive, cfg.objectives(), Math.min(cfg.population(), archive.size()),
                Seeds.mix(cfg.seed(), 6, iteration))) {
            seeds.add(problem.solutionOf(m.subnet()));
        }
        NSGAIII nsga = new NSGAIII(problem, new NormalBoundaryDivisions(cfg.objectives().size() >= 3 ? 12 : 99));
        nsga.setInitialPopulationSize(cfg.population());
        nsga.setInitialization(new InjectedInitialization(problem, seeds));
        nsga.setVariation(new CompoundVariation(new TwoPointCrossover(0.9), new PM(1.0 / space.genes() * 2, 3.0)));
        nsga.run(cfg.population() * (cfg.generations() + 1));
        Set<OfaSubnet> known = new LinkedHashSet<>();
        archive.forEach(m -> known.add(m.subnet()));
        List<Member> pool = new ArrayList<>();
        Set<OfaSubnet> seen = new LinkedHashSet<>();
        for (Solution s : nsga.getPopulation()) {
            OfaSubnet sub = problem.decode(s);
            if (!known.contains(sub) && seen.add(sub)) {
                pool.add(member(sub, predicted.get(sub), iteration));
            }
        }
        // NSGA-III starts from the archive and may not leave it: fill a short pool with mutants of the
        // archive's non-dominated members, scored by the same predictor
        SplittableRandom r = Seeds.stream(cfg.seed(), 10, iteration);
        List<Member> front = nondominated(archive, cfg.objectives());
        for (int tries = 0; pool.size() < 3 * cfg.candidates() && tries < 200 * cfg.candidates(); tries++) {
            OfaSubnet sub = space.mutate(front.get(r.nextInt(front.size())).subnet(), r);
            if (!known.contains(sub) && seen.add(sub)) {
                double err = predictor.predict(new double[][] {features(sub)})[0];
                pool.add(member(sub, err, iteration));
            }
        }
        return choose(pool, cfg.candidates(), iteration);
    }

    /**
     * Chooses {@code n} candidates that spread the cheap objectives (ours): among the predicted
     * non-dominated ones first, greedily the one farthest (normalised cheap objectives) from
     * those already chosen, starting from the lowest predicted error.
     */
    List<Member> chooseMembers(List<Member> pool, int n, int iteration) {
        List<Member> ordered = truncate(pool, cfg.objectives(), pool.size(), Seeds.mix(cfg.seed(), 7, iteration));
        List<Member> front = nondominated(ordered, cfg.objectives());
        List<Member> rest = new ArrayList<>(ordered);
        rest.removeAll(front);
        List<Member> chosen = new ArrayList<>();
        for (List<Member> group : List.of(front, rest)) {
            List<Member> left = new ArrayList<>(group);
            while (chosen.size() < n && !left.isEmpty()) {
                Member pick;
                if (chosen.isEmpty()) {
                    pick = left.stream().min(Comparator.comparingDouble(Member::error)).orElseThrow();
                } else {
                    pick = left.stream().max(Comparator.comparingDouble(m -> distance(m, chosen))).orElseThrow();
                }
                chosen.add(pick);
                left.remove(pick);
            }
        }
        return chosen;
    }

    private List<OfaSubnet> choose(List<Member> pool, int n, int iteration) {
        return chooseMembers(pool, n, iteration).stream().map(Member::subnet).toList();
    }

    private double distance(Member m, List<Member> chosen) {
        List<String> cheap = cfg.objectives().subList(1, cfg.objectives().size());
        double[] a = normalised(m, cheap);
        double best = Double.MAX_VALUE;
        for (Member c : chosen) {
            double[] b = normalised(c, cheap);
            double d = 0;
            for (int i = 0; i < a.length; i++) {
                d += (a[i] - b[i]) * (a[i] - b[i]);
            }
            best = Math.min(best, d);
        }
        return best;
    }

    /** The non-dominated members (minimising every objective). */
    public static List<Member> nondominated(List<Member> members, List<String> objectives) {
        List<Member> out = new ArrayList<>();
        for (Member a : members) {
            double[] oa = a.objectives(objectives);
            boolean dominated = false;
            for (Member b : members) {
                if (a == b) {
                    continue;
                }
                double[] ob = b.objectives(objectives);
                boolean noWorse = true;
                boolean better = false;
                for (int i = 0; i < oa.length; i++) {
                    noWorse &= ob[i] <= oa[i];
                    better |= ob[i] < oa[i];
                }
                if (noWorse && better) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated && out.stream().noneMatch(m -> m.subnet().equals(a.subnet()))) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * High trade-off points of a front (NAT's output, in the manner of pymoo's decision
     * making): objectives normalised to [0, 1] over the front; for each point, the smallest
     * ratio, over its neighbours (within 0.125·√m, at least its two nearest), of what a move to
     * the neighbour sacrifices to what it gains, i.e. even the cheapest move away is costly at a
     * knee; points whose ratio is at least the mean plus one standard deviation (ours; always
     * the largest) are flagged.
     */
    public static boolean[] highTradeoff(List<Member> front, List<String> objectives) {
        int n = front.size();
        boolean[] out = new boolean[n];
        if (n < 3) {
            return out;
        }
        int m = objectives.size();
        double[][] f = new double[n][];
        for (int i = 0; i < n; i++) {
            f[i] = front.get(i).objectives(objectives);
        }
        for (int k = 0; k < m; k++) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (double[] r : f) {
                lo = Math.min(lo, r[k]);
                hi = Math.max(hi, r[k]);
            }
            for (double[] r : f) {
                r[k] = hi > lo ? (r[k] - lo) / (hi - lo) : 0;
            }
        }
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            final int fi = i;
            java.util.Arrays.sort(order, Comparator.comparingDouble(j -> dist(f[fi], f[j])));
            double best = Double.MAX_VALUE;
            for (int r = 1; r < n; r++) {
                int j = order[r];
                if (r > 2 && dist(f[i], f[j]) > 0.125 * Math.sqrt(m)) {
                    break;
                }
                double sacrifice = 0;
                double gain = 0;
                for (int k = 0; k < m; k++) {
                    sacrifice += Math.max(0, f[j][k] - f[i][k]);
                    gain += Math.max(0, f[i][k] - f[j][k]);
                }
                best = Math.min(best, sacrifice / Math.max(gain, 1e-9));
            }
            t[i] = best;
        }
        double mean = java.util.Arrays.stream(t).average().orElse(0);
        double sd = Math.sqrt(java.util.Arrays.stream(t).map(v -> (v - mean) * (v - mean)).average().orElse(0));
        int arg = 0;
        for (int i = 0; i < n; i++) {
            out[i] = t[i] >= mean + sd;
            arg = t[i] > t[arg] ? i : arg;
        }
        out[arg] = true;
        return out;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }

    /**
     * Hypervolume of the archive's non-dominated set, objectives normalised to [0, 1] (error / 100;
     * params and MACs between the smallest and largest subnet), reference point 1 in every objective.
     */
    public double hypervolume(List<Member> archive) {
        AbstractProblem p = new AbstractProblem(0, cfg.objectives().size()) {
            @Override
            public void evaluate(Solution solution) {
            }

            @Override
            public Solution newSolution() {
                return new Solution(0, cfg.objectives().size());
            }
        };
        NondominatedPopulation front = new NondominatedPopulation();
        for (Member m : archive) {
            Solution s = new Solution(0, cfg.objectives().size());
            double[] o = normalised(m, cfg.objectives());
            for (int i = 0; i < o.length; i++) {
                o[i] = Math.min(1, Math.max(0, o[i]));
            }
            s.setObjectiveValues(o);
            front.add(s);
        }
        double[] lo = new double[cfg.objectives().size()];
        double[] hi = new double[cfg.objectives().size()];
        java.util.Arrays.fill(hi, 1.0);
        return new Hypervolume(p, lo, hi).evaluate(front);
    }

    /**
     * The adaptation sampler: per gene, the frequencies of its values among the archive's best
     * {@code adaptTop} members (non-dominated order), with add-one smoothing; samples are repaired.
     */
    Function<SplittableRandom, OfaSubnet> sampler(List<Member> archive) {
        List<Member> top = truncate(archive, cfg.objectives(), Math.min(cfg.adaptTop(), archive.size()),
                Seeds.mix(cfg.seed(), 8, archive.size()));
        int genes = space.genes();
        double[][] p = new double[genes][];
        for (int g = 0; g < genes; g++) {
            p[g] = new double[space.upper(g) + 1];
            java.util.Arrays.fill(p[g], 1.0);
        }
        for (Member m : top) {
            int[] code = space.encode(m.subnet());
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

    /** The search problem on the predictor: real genes floored to integers, repaired, scored. */
    private final class SurrogateProblem extends AbstractProblem {
        private final KFoldEnsemble predictor;
        private final Map<OfaSubnet, Double> predicted;

        SurrogateProblem(KFoldEnsemble predictor, Map<OfaSubnet, Double> predicted) {
            super(space.genes(), cfg.objectives().size());
            this.predictor = predictor;
            this.predicted = predicted;
        }

        @Override
        public Solution newSolution() {
            Solution s = new Solution(space.genes(), cfg.objectives().size());
            for (int g = 0; g < space.genes(); g++) {
                s.setVariable(g, new RealVariable(0, space.upper(g) + 0.999));
            }
            return s;
        }

        Solution solutionOf(OfaSubnet sub) {
            Solution s = newSolution();
            int[] code = space.encode(sub);
            for (int g = 0; g < code.length; g++) {
                ((RealVariable) s.getVariable(g)).setValue(code[g] + 0.5);
            }
            return s;
        }

        OfaSubnet decode(Solution s) {
            int[] code = new int[space.genes()];
            for (int g = 0; g < code.length; g++) {
                code[g] = Math.min(space.upper(g), (int) Math.floor(((RealVariable) s.getVariable(g)).getValue()));
            }
            return space.decode(space.repair(code));
        }

        @Override
        public void evaluate(Solution s) {
            OfaSubnet sub = decode(s);
            Double err = predicted.get(sub);
            if (err == null) {
                err = predictor.predict(new double[][] {features(sub)})[0];
                predicted.put(sub, err);
            }
            Member m = member(sub, err, 0);
            double[] o = m.objectives(cfg.objectives());
            s.setObjectiveValues(o);
        }
    }
}
