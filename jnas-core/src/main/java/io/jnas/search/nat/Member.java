package io.jnas.search.nat;

import java.util.List;

/**
 * An evaluated archive member.
 *
 * @param arch the architecture
 * @param error error in % (100 − the estimator's accuracy)
 * @param params parameters
 * @param macs multiply-accumulates per image
 * @param iteration iteration in which it was evaluated (0 = initial archive)
 * @param <A> architecture type
 */
public record Member<A>(A arch, double error, long params, long macs, int iteration) {

    /** Objective values in the order of {@code objectives} (error, params, macs). */
    public double[] objectives(List<String> objectives) {
        double[] o = new double[objectives.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = switch (objectives.get(i)) {
                case "error" -> error;
                case "params" -> params;
                case "macs" -> macs;
                default -> throw new IllegalArgumentException("unknown objective " + objectives.get(i));
            };
        }
        return o;
    }
}
