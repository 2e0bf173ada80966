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
