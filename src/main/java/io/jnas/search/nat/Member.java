package io.jnas.search.nat;

import io.jnas.space.ofa.OfaSubnet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluated archive member.
 *
 * @param subnet the subnet
 * @param error validation top-1 error in % with inherited weights
 * @param params parameters
 * @param macs multiply-accumulates per image
 * @param iteration iteration in which it was evaluated (0 = initial archive)
 */
public record Member(OfaSubnet subnet, double error, long params, long macs, int iteration) {

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

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subnet", subnet.toString());
        m.put("error", error);
        m.put("params", params);
        m.put("macs", macs);
        m.put("iteration", iteration);
        return m;
    }

    public static Member fromMap(Map<String, Object> m) {
        return new Member(OfaSubnet.parse((String) m.get("subnet")), ((Number) m.get("error")).doubleValue(),
                ((Number) m.get("params")).longValue(), ((Number) m.get("macs")).longValue(),
                ((Number) m.get("iteration")).intValue());
    }
}
