package io.jnas.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The state of a run's newest complete checkpoint, read without its tensors (the order RunDir restores in). */
final class Checkpoints {
    private Checkpoints() {
    }

    static Map<String, Object> state(Path dir) {
        for (String name : List.of("checkpoint", "checkpoint.new", "checkpoint.old")) {
            Path f = dir.resolve(name).resolve("state.json");
            if (Files.isRegularFile(f)) {
                Map<String, Object> m = RunFolder.json(f);
                if (!m.isEmpty()) {
                    return m;
                }
            }
        }
        return Map.of();
    }
}
