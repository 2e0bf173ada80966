package io.jnas.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnas.run.Json;
import java.util.Map;

/**
 * What became of an {@link EvalTask}: each estimator's value and terms (for a pool-dependent estimator the terms are
 * what the driver ranks; the value is only provisional), the seconds spent and where it ran; or, when the candidate
 * could not be scored for a reason of its own (an exception, a non-finite score, out of memory), that reason.
 *
 * @param arch the architecture's text form
 * @param values each estimator's value by name (empty on failure)
 * @param terms the named terms of every estimator (empty on failure)
 * @param estimatorSeconds each estimator's seconds by name (an estimator sharing another's work reports its cost too)
 * @param seconds wall time of the task
 * @param host where it ran (host name and process id)
 * @param error null on success, else the reason in one line
 */
public record EvalResult(String arch, Map<String, Double> values, Map<String, Double> terms,
        Map<String, Double> estimatorSeconds, double seconds, String host, String error) {
    public EvalResult {
        values = Map.copyOf(values);
        terms = Map.copyOf(terms);
        estimatorSeconds = Map.copyOf(estimatorSeconds);
    }

    /** Whether the candidate was scored. */
    public boolean ok() {
        return error == null;
    }

    /** The score of estimator {@code name} as a {@link Score}; IllegalStateException on a failed task. */
    public Score score(String name) {
        if (!ok()) {
            throw new IllegalStateException(arch + " was not scored: " + error);
        }
        return new Score(values.get(name), terms, estimatorSeconds.getOrDefault(name, seconds));
    }

    /** The result as one line of JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** The result of a JSON line written by {@link #toJson}. */
    public static EvalResult fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, EvalResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an evaluation result: " + e.getOriginalMessage());
        }
    }
}
