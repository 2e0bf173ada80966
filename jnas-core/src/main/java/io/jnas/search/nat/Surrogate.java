package io.jnas.search.nat;

import io.jnas.estimate.predict.KFoldEnsemble;
import io.jnas.run.Seeds;
import io.jnas.search.Strategy;
import io.jnas.space.EncodedSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.moeaframework.algorithm.NSGAIII;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.initialization.InjectedInitialization;
import org.moeaframework.core.operator.CompoundVariation;
import org.moeaframework.core.operator.TwoPointCrossover;
import org.moeaframework.core.operator.real.PM;
import org.moeaframework.core.variable.RealVariable;
import org.moeaframework.problem.AbstractProblem;
import org.moeaframework.util.weights.NormalBoundaryDivisions;

/**
 * One iteration's proposal of the NAT loop: fit the k-fold accuracy predictor on the archive, run NSGA-III on the
 * predicted error and the exact cheap objectives, and choose the candidates to evaluate.
 *
 * @param <A> architecture type
 */
final class Surrogate<A> {
    private final EncodedSpace<A> space;
    private final NatConfig cfg;
    private final Objectives<A> objectives;
    private Strategy.Candidates<A> candidates = Strategy.Candidates.none();

    Surrogate(EncodedSpace<A> space, NatConfig cfg, Objectives<A> objectives) {
        this.space = space;
        this.cfg = cfg;
        this.objectives = objectives;
    }

    /** Takes the extra predictor inputs and the pool of the search. */
    void candidates(Strategy.Candidates<A> given) {
        this.candidates = given;
    }

    /**
     * Predictor input of an architecture: the space's features (NATv2; the integer code for OFA) or the code's one-hot
     * expansion (NAT), followed by the search's extra inputs (proxies, graph features) when it has any.
     */
    double[] features(A arch) {
        return features(arch, true);
    }

    /** As {@link #features(Object)}, with the search's extra inputs only when {@code extra}. */
    private double[] features(A arch, boolean withExtra) {
        double[] own = own(arch);
        if (!withExtra) {
            return own;
        }
        double[] extra = candidates.features().apply(arch);
        if (extra.length == 0) {
            return own;
        }
        double[] f = java.util.Arrays.copyOf(own, own.length + extra.length);
        System.arraycopy(extra, 0, f, own.length, extra.length);
        return f;
    }

    private double[] own(A arch) {
        if (cfg.v2()) {
            return space.features(arch);
        }
        int[] code = space.encode(arch);
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

    /**
     * Fits the predictor on {@code rows} (the archive, or every member evaluated so far), runs NSGA-III on it from the
     * archive and chooses {@code n} candidates to evaluate, none of them in {@code known} (every architecture evaluated
     * so far: one that left the archive is not proposed again).
     */
    List<A> propose(List<Member<A>> rows, List<Member<A>> archive, Set<A> known, int iteration, int n) {
        // costly extra inputs (proxies on demand): NSGA-III explores on the free inputs, and the extra ones decide among
        // a shortlist of 3n
        boolean twoStage = candidates.costly() && !candidates.pooled();
        KFoldEnsemble predictor = fit(rows, iteration, !twoStage);
        if (candidates.pooled()) {
            return choose(predictPool(predictor, known, iteration), n, iteration).stream().map(Member::arch).toList();
        }
        if (twoStage) {
            List<A> shortlist = explore(archive, known, iteration, 3 * n, predictor, false);
            KFoldEnsemble full = fit(rows, iteration, true);
            double[] err = full.predict(shortlist.stream().map(this::features).toArray(double[][]::new));
            List<Member<A>> pool = new ArrayList<>();
            for (int i = 0; i < err.length; i++) {
                pool.add(objectives.member(shortlist.get(i), err[i], iteration));
            }
            return choose(pool, n, iteration).stream().map(Member::arch).toList();
        }
        return explore(archive, known, iteration, n, predictor, true);
    }

    /** The predictor fitted on the archive, on the space's inputs and, when {@code withExtra}, the extra ones. */
    private KFoldEnsemble fit(List<Member<A>> archive, int iteration, boolean withExtra) {
        double[][] x = new double[archive.size()][];
        double[] y = new double[archive.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = features(archive.get(i).arch(), withExtra);
            y[i] = archive.get(i).error();
        }
        KFoldEnsemble predictor = new KFoldEnsemble(cfg.predictor(), cfg.folds(), Seeds.mix(cfg.seed(), 4, iteration));
        predictor.fit(x, y);
        return predictor;
    }

    /** NSGA-III on {@code predictor} (reading the extra inputs when {@code withExtra}), then {@code n} chosen. */
    private List<A> explore(List<Member<A>> archive, Set<A> known, int iteration, int n, KFoldEnsemble predictor,
            boolean withExtra) {
        Problem problem = new Problem(predictor, withExtra);
        PRNG.setSeed(Seeds.mix(cfg.seed(), 5, iteration));
        List<Solution> seeds = new ArrayList<>();
        for (Member<A> m : objectives.truncate(archive, cfg.objectives(), Math.min(cfg.population(), archive.size()),
                Seeds.mix(cfg.seed(), 6, iteration))) {
            seeds.add(problem.solutionOf(m.arch()));
        }
        NSGAIII nsga = new NSGAIII(problem, new NormalBoundaryDivisions(cfg.objectives().size() >= 3 ? 12 : 99));
        nsga.setInitialPopulationSize(cfg.population());
        nsga.setInitialization(new InjectedInitialization(problem, seeds));
        nsga.setVariation(new CompoundVariation(new TwoPointCrossover(0.9), new PM(1.0 / space.genes() * 2, 3.0)));
        nsga.run(cfg.population() * (cfg.generations() + 1));
        List<Member<A>> pool = new ArrayList<>();
        Set<A> seen = new LinkedHashSet<>();
        for (Solution s : nsga.getPopulation()) {
            A a = problem.decode(s);
            if (!known.contains(a) && seen.add(a) && objectives.feasible(a)) {
                pool.add(objectives.member(a, problem.predicted.get(a), iteration));
            }
        }
        // NSGA-III starts from the archive and may not leave it: fill a short pool with mutants of the
        // archive's non-dominated members, scored by the same predictor
        SplittableRandom r = Seeds.stream(cfg.seed(), 10, iteration);
        List<Member<A>> front = Front.nondominated(archive, cfg.objectives());
        for (int tries = 0; pool.size() < 3 * cfg.candidates() && tries < 200 * cfg.candidates(); tries++) {
            A a = space.mutate(front.get(r.nextInt(front.size())).arch(), r);
            if (!known.contains(a) && seen.add(a) && objectives.feasible(a)) {
                double err = predictor.predict(new double[][] {features(a, withExtra)})[0];
                pool.add(objectives.member(a, err, iteration));
            }
        }
        return choose(pool, n, iteration).stream().map(Member::arch).toList();
    }

    /**
     * Every feasible pool architecture not yet evaluated, with its predicted error: with a pool of a few thousand the
     * predictor scores them all at once, so NSGA-III's sampling of the space is not needed.
     */
    private List<Member<A>> predictPool(KFoldEnsemble predictor, Set<A> known, int iteration) {
        List<A> open = candidates.pool().stream().filter(a -> !known.contains(a) && objectives.feasible(a)).toList();
        if (open.isEmpty()) {
            return List.of();
        }
        double[] err = predictor.predict(open.stream().map(this::features).toArray(double[][]::new));
        List<Member<A>> pool = new ArrayList<>();
        for (int i = 0; i < err.length; i++) {
            pool.add(objectives.member(open.get(i), err[i], iteration));
        }
        return pool;
    }

    /**
     * Chooses {@code n} candidates that spread the cheap objectives (ours): among the predicted non-dominated ones
     * first, greedily the one farthest (normalised cheap objectives) from those already chosen, starting from the
     * lowest predicted error.
     */
    List<Member<A>> choose(List<Member<A>> pool, int n, int iteration) {
        List<Member<A>> ordered = objectives.truncate(pool, cfg.objectives(), pool.size(), Seeds.mix(cfg.seed(), 7, iteration));
        List<Member<A>> front = Front.nondominated(ordered, cfg.objectives());
        List<Member<A>> rest = new ArrayList<>(ordered);
        rest.removeAll(front);
        List<Member<A>> chosen = new ArrayList<>();
        for (List<Member<A>> group : List.of(front, rest)) {
            List<Member<A>> left = new ArrayList<>(group);
            while (chosen.size() < n && !left.isEmpty()) {
                Member<A> pick = chosen.isEmpty() ? left.stream().min(Comparator.comparingDouble(Member::error)).orElseThrow()
                        : left.stream().max(Comparator.comparingDouble(m -> distance(m, chosen))).orElseThrow();
                chosen.add(pick);
                left.remove(pick);
            }
        }
        return chosen;
    }

    double distance(Member<A> m, List<Member<A>> chosen) {
        List<String> cheap = cfg.objectives().subList(1, cfg.objectives().size());
        double[] a = objectives.normalised(m, cheap);
        double best = Double.MAX_VALUE;
        for (Member<A> c : chosen) {
            double[] b = objectives.normalised(c, cheap);
            double d = 0;
            for (int i = 0; i < a.length; i++) {
                d += (a[i] - b[i]) * (a[i] - b[i]);
            }
            best = Math.min(best, d);
        }
        return best;
    }

    /** The search problem on the predictor: real genes floored to integers, repaired, scored. */
    private final class Problem extends AbstractProblem {
        private final KFoldEnsemble predictor;
        private final boolean withExtra;
        private final Map<A, Double> predicted = new LinkedHashMap<>();

        Problem(KFoldEnsemble predictor, boolean withExtra) {
            super(space.genes(), cfg.objectives().size());
            this.predictor = predictor;
            this.withExtra = withExtra;
        }

        @Override
        public Solution newSolution() {
            Solution s = new Solution(space.genes(), cfg.objectives().size());
            for (int g = 0; g < space.genes(); g++) {
                s.setVariable(g, new RealVariable(0, space.upper(g) + 0.999));
            }
            return s;
        }

        Solution solutionOf(A arch) {
            Solution s = newSolution();
            int[] code = space.encode(arch);
            for (int g = 0; g < code.length; g++) {
                ((RealVariable) s.getVariable(g)).setValue(code[g] + 0.5);
            }
            return s;
        }

        A decode(Solution s) {
            int[] code = new int[space.genes()];
            for (int g = 0; g < code.length; g++) {
                code[g] = Math.min(space.upper(g), (int) Math.floor(((RealVariable) s.getVariable(g)).getValue()));
            }
            return space.decode(space.repair(code));
        }

        @Override
        public void evaluate(Solution s) {
            A a = decode(s);
            Double err = predicted.get(a);
            if (err == null) {
                err = predictor.predict(new double[][] {features(a, withExtra)})[0];
                predicted.put(a, err);
            }
            s.setObjectiveValues(objectives.member(a, err, 0).objectives(cfg.objectives()));
        }
    }
}
