package io.jnas.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnas.run.Json;

/**
 * One candidate evaluation described as data, so that it can run in this process or be shipped to another: what
 * scores (the estimator spec: space, estimators, data, MOTE settings, NAS-Bench-201 table, seed, ensemble), which
 * architecture (its text form in the space) and the libtorch thread count it is meant to run with. It travels as JSON
 * (no Java serialization); {@link TaskRunner} runs it. A worker that cannot read the spec's files (an executor
 * elsewhere) gets the data it needs as artifacts: files named by their SHA-256, shipped with the job.
 *
 * @param spec what scores the architecture
 * @param arch the architecture's text form
 * @param threads libtorch intra-op threads of the worker that runs it (scores are bit-identical at equal counts)
 * @param artifacts shipped data by role ({@code data}, {@code reduced}): {@code SHA256/FILE}; empty: the spec's files
 */
public record EvalTask(EstimatorSpec spec, String arch, int threads, java.util.Map<String, String> artifacts) {
    /** A task whose worker reads the spec's own files. */
    public EvalTask(EstimatorSpec spec, String arch, int threads) {
        this(spec, arch, threads, java.util.Map.of());
    }

    public EvalTask {
        artifacts = artifacts == null ? java.util.Map.of() : java.util.Map.copyOf(artifacts);
        if (spec == null || arch == null || arch.isBlank()) {
            throw new IllegalArgumentException("a task needs an estimator spec and an architecture");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("a task needs at least 1 thread, got " + threads);
        }
    }

    /** The task as one line of JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** The task of a JSON line written by {@link #toJson}; IllegalArgumentException naming what is wrong. */
    public static EvalTask fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, EvalTask.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an evaluation task: " + e.getOriginalMessage());
        }
    }
}
