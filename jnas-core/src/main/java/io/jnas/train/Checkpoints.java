package io.jnas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.nn.NoGrad;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.TensorFile;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Saving and restoring the checkpoint of a loop, the one way every jnas loop does it: named tensor groups
 * (weights, optimizer state, a teacher) plus a typed state record stored as JSON. The run directory swaps the
 * whole checkpoint atomically, so a kill at any point leaves the previous or the new one complete.
 */
public final class Checkpoints {
    private Checkpoints() {
    }

    /** Saves {@code groups} and the state record {@code state} as the run's checkpoint. */
    public static void save(RunDir run, Map<String, Map<String, NDArray>> groups, Record state) throws IOException {
        run.saveCheckpoint(groups, Json.toMap(state));
    }

    /**
     * Loads the newest complete checkpoint, its tensors attached to {@code manager}, and its state as {@code type};
     * empty when the run has none yet.
     */
    public static <S extends Record> Optional<Restored<S>> load(RunDir run, NDManager manager, Class<S> type)
            throws IOException {
        var ck = run.loadCheckpoint(manager);
        if (ck.isEmpty()) {
            return Optional.empty();
        }
        S state;
        try {
            state = Json.MAPPER.convertValue(ck.get().state(), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(run.dir() + "/checkpoint was written by another version of this command ("
                    + e.getMessage().split("\n")[0] + "); start a new run");
        }
        return Optional.of(new Restored<>(state, ck.get().tensors()));
    }

    /**
     * Restores the run's checkpoint into the live tensors of a loop that checkpoints once per epoch: each group of
     * {@code into} is copied from the checkpoint, and metrics.jsonl keeps the epochs up to the checkpoint's (lines of a
     * later epoch were written after it, and the resumed loop writes them again). Empty when there is no run or no
     * checkpoint yet.
     *
     * @param epochsDone the epochs the state says are done
     */
    public static <S extends Record> Optional<S> resume(RunDir run, NDManager manager, Class<S> type,
            Map<String, Map<String, NDArray>> into, java.util.function.ToIntFunction<S> epochsDone) throws IOException {
        if (run == null) {
            return Optional.empty();
        }
        try (NDManager tmp = manager.newSubManager()) {
            Optional<Restored<S>> ck = load(run, tmp, type);
            if (ck.isEmpty()) {
                return Optional.empty();
            }
            into.forEach(ck.get()::copy);
            S state = ck.get().state();
            int done = epochsDone.applyAsInt(state);
            run.retainMetrics(r -> r.get("epoch") instanceof Number n && n.intValue() <= done);
            return Optional.of(state);
        }
    }

    /**
     * A loaded checkpoint.
     *
     * @param state the loop's state record
     * @param tensors tensor groups by name
     */
    public record Restored<S>(S state, Map<String, Map<String, NDArray>> tensors) {
        /** Whether the checkpoint holds tensor group {@code group}. */
        public boolean has(String group) {
            return tensors.containsKey(group);
        }

        /** Copies group {@code group} into the live tensors {@code into} (names and shapes must match). */
        public void copy(String group, Map<String, NDArray> into) {
            Map<String, NDArray> from = tensors.get(group);
            if (from == null) {
                throw new IllegalArgumentException("the checkpoint has no '" + group + "' tensors; start a new run");
            }
            try (NoGrad ng = new NoGrad()) {
                TensorFile.copyInto(from, into, group);
            }
        }
    }
}
