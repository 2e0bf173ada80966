package io.jnas.search.nat;

import io.jnas.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of the NAT loop after a finished iteration, what a checkpoint stores to resume it: the iteration,
 * the archive (architectures in their text form) and the hypervolume after each iteration so far.
 *
 * @param iteration the last finished iteration (0 = the initial archive)
 * @param evaluated architectures scored so far
 * @param archive the archive's members
 * @param hypervolume the archive's hypervolume after iterations 0..iteration
 * @param evaluatedArchs every architecture scored so far (text form), including those that left the archive
 */
public record NatState(int iteration, int evaluated, List<Row> archive, List<Double> hypervolume, List<String> evaluatedArchs) {
    public NatState {
        archive = List.copyOf(archive);
        evaluatedArchs = List.copyOf(evaluatedArchs);
        hypervolume = List.copyOf(hypervolume);
    }

    /**
     * One member in text form.
     *
     * @param arch the architecture's canonical text
     * @param error error in %
     * @param params parameters
     * @param macs MACs per image
     * @param iteration iteration of its evaluation
     */
    public record Row(String arch, double error, long params, long macs, int iteration) {
    }

    /** The state of {@code archive} after {@code iteration}. */
    public static <A> NatState of(int iteration, int evaluated, List<Member<A>> archive, List<Double> hypervolume,
            java.util.Collection<A> seen, SearchSpace<A> space) {
        List<Row> rows = new ArrayList<>();
        for (Member<A> m : archive) {
            rows.add(new Row(space.format(m.arch()), m.error(), m.params(), m.macs(), m.iteration()));
        }
        return new NatState(iteration, evaluated, rows, hypervolume, seen.stream().map(space::format).toList());
    }

    /** The archive with architectures parsed by {@code space}. */
    public <A> List<Member<A>> members(SearchSpace<A> space) {
        List<Member<A>> out = new ArrayList<>();
        for (Row r : archive) {
            out.add(new Member<>(space.parse(r.arch()), r.error(), r.params(), r.macs(), r.iteration()));
        }
        return out;
    }
}
