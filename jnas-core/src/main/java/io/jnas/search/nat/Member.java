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
 * @param latency predicted milliseconds per call on the search's device (NaN when latency is not an objective)
 * @param <A> architecture type
 */
public record Member<A>(A arch, double error, long params, long macs, int iteration, double latency) {

    /** A member without a latency (searches that do not trade latency). */
    public Member(A arch, double error, long params, long macs, int iteration) {
        this(arch, error, params, macs, iteration, Double.NaN);
    }

    /** Objective values in the order of {@code objectives} (error, params, macs, latency). */
    public double[] objectives(List<String> objectives) {
        double[] o = new double[objectives.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = switch (objectives.get(i)) {
                case "error" -> error;
                case "params" -> params;
                case "macs" -> macs;
                case "latency" -> latency;
                default -> throw new IllegalArgumentException("unknown objective " + objectives.get(i));
            };
        }
        return o;
    }
}
