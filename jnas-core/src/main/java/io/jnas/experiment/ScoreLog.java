package io.jnas.experiment;

import io.jnas.estimate.Score;
import io.jnas.run.RunDir;
import io.jnas.search.SearchLoop;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every score of a search as a metrics.jsonl row ({@code round, arch, value, seconds, terms}), replayed on resume. */
final class ScoreLog {
    private ScoreLog() {
    }

    /** Appends one score. */
    static void record(RunDir run, int round, String arch, Score s) throws IOException {
        record(run, round, arch, s, Map.of());
    }

    /** Appends one score with more of the architecture's figures ({@code params}, {@code macs}: for watchers). */
    static void record(RunDir run, int round, String arch, Score s, Map<String, ?> more) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>(more);
        row.put("round", round);
        row.put("arch", arch);
        row.put("value", s.value());
        row.put("seconds", s.seconds());
        row.put("terms", s.terms());
        run.appendMetrics(row);
    }

    /** A JSON number, or NaN (written as the string "NaN"). */
    static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The scores recorded so far, by {@link SearchLoop#key}. */
    @SuppressWarnings("unchecked")
    static Map<String, Score> replay(RunDir run) throws IOException {
        Map<String, Score> m = new LinkedHashMap<>();
        for (Map<String, Object> r : run.readMetrics()) {
            if (!r.containsKey("round") || !r.containsKey("value")) {
                continue;
            }
            Map<String, Double> terms = new LinkedHashMap<>();
            ((Map<String, Object>) r.getOrDefault("terms", Map.of())).forEach((k, v) -> terms.put(k, number(v)));
            m.put(SearchLoop.key(((Number) r.get("round")).intValue(), (String) r.get("arch")),
                    new Score(number(r.get("value")), terms, number(r.get("seconds"))));
        }
        return m;
    }

    /**
     * The evaluations recorded in rounds before {@code first}, in the order they were scored: what a strategy restored
     * from its state does not ask again, but a search's result counts.
     */
    static <A> java.util.List<io.jnas.search.Strategy.Evaluated<A>> before(RunDir run, int first,
            java.util.function.Function<String, A> parse) throws IOException {
        java.util.List<io.jnas.search.Strategy.Evaluated<A>> out = new java.util.ArrayList<>();
        replay(run).forEach((key, score) -> {
            int bar = key.indexOf('|');
            if (Integer.parseInt(key.substring(0, bar)) < first) {
                out.add(new io.jnas.search.Strategy.Evaluated<>(parse.apply(key.substring(bar + 1)), score));
            }
        });
        return out;
    }
}
