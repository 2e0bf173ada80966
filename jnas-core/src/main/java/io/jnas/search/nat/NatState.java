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
 * @param history every architecture scored so far with its error (the predictor's training rows); empty in a
 *     checkpoint written before it was kept, which then resumes with the archive as its history
 */
public record NatState(int iteration, int evaluated, List<Row> archive, List<Double> hypervolume, List<String> evaluatedArchs,
        List<Row> history) {
    public NatState {
        archive = List.copyOf(archive);
        evaluatedArchs = List.copyOf(evaluatedArchs);
        hypervolume = List.copyOf(hypervolume);
        history = history == null ? List.of() : List.copyOf(history);
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

    /** The state of {@code archive} and {@code history} after {@code iteration}. */
    public static <A> NatState of(int iteration, int evaluated, List<Member<A>> archive, List<Double> hypervolume,
            java.util.Collection<A> seen, List<Member<A>> history, SearchSpace<A> space) {
        return new NatState(iteration, evaluated, rows(archive, space), hypervolume, seen.stream().map(space::format).toList(),
                rows(history, space));
    }

    private static <A> List<Row> rows(List<Member<A>> members, SearchSpace<A> space) {
        List<Row> rows = new ArrayList<>();
        for (Member<A> m : members) {
            rows.add(new Row(space.format(m.arch()), m.error(), m.params(), m.macs(), m.iteration()));
        }
        return rows;
    }

    /** The archive with architectures parsed by {@code space}. */
    public <A> List<Member<A>> members(SearchSpace<A> space) {
        return parse(archive, space);
    }

    /** Every architecture scored so far with its error (the archive for a checkpoint written before it was kept). */
    public <A> List<Member<A>> historyMembers(SearchSpace<A> space) {
        return parse(history.isEmpty() ? archive : history, space);
    }

    private static <A> List<Member<A>> parse(List<Row> rows, SearchSpace<A> space) {
        List<Member<A>> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Member<>(space.parse(r.arch()), r.error(), r.params(), r.macs(), r.iteration()));
        }
        return out;
    }
}
