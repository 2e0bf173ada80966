package io.jnas.search;

import io.jnas.estimate.Estimator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MOTE-NAS's final choice: the k best architectures by the search's estimate are validated by a second, costlier
 * estimator (e.g. 12-epoch accuracy), and the best of them by that validation is returned.
 */
public final class TopK {
    private TopK() {
    }

    /**
     * A validated candidate.
     *
     * @param arch the architecture
     * @param estimate its score in the search
     * @param validation its validation score
     */
    public record Candidate<A>(A arch, double estimate, double validation) {
    }

    /** The {@code k} best distinct architectures of {@code evaluated} by score, best first (ties: first scored). */
    public static <A> List<Strategy.Evaluated<A>> best(List<Strategy.Evaluated<A>> evaluated, int k) {
        List<Strategy.Evaluated<A>> sorted = new ArrayList<>(evaluated);
        sorted.sort(Comparator.comparingDouble(e -> -e.score().value()));
        List<Strategy.Evaluated<A>> out = new ArrayList<>();
        Set<A> seen = new LinkedHashSet<>();
        for (Strategy.Evaluated<A> e : sorted) {
            if (out.size() < k && seen.add(e.arch())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Validates the {@code k} best of {@code evaluated}; the candidates in estimate order, the chosen one has the best validation. */
    public static <A> List<Candidate<A>> validate(List<Strategy.Evaluated<A>> evaluated, int k, Estimator<A> validator) {
        List<Candidate<A>> out = new ArrayList<>();
        for (Strategy.Evaluated<A> e : best(evaluated, k)) {
            out.add(new Candidate<>(e.arch(), e.score().value(), validator.estimate(e.arch()).value()));
        }
        return out;
    }

    /**
     * As {@link #validate(List, int, Estimator)}, the k validations run on {@code engine} (at once when it has several
     * slots and the validator allows it).
     */
    public static <A> List<Candidate<A>> validate(List<Strategy.Evaluated<A>> evaluated, int k, Estimator<A> validator,
            io.jnas.engine.InFlight engine) {
        List<Strategy.Evaluated<A>> top = best(evaluated, k);
        if (!validator.parallelSafe() || engine.slots() == 1) {
            return validate(evaluated, k, validator);
        }
        List<java.util.concurrent.Callable<Candidate<A>>> jobs = new ArrayList<>();
        for (Strategy.Evaluated<A> e : top) {
            jobs.add(() -> new Candidate<>(e.arch(), e.score().value(), validator.estimate(e.arch()).value()));
        }
        return engine.runAll(jobs);
    }

    /** The candidate with the best validation (the first of equals). */
    public static <A> Candidate<A> chosen(List<Candidate<A>> candidates) {
        Candidate<A> best = null;
        for (Candidate<A> c : candidates) {
            if (best == null || c.validation() > best.validation()) {
                best = c;
            }
        }
        return best;
    }
}
