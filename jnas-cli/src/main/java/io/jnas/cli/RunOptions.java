package io.jnas.cli;

import io.jnas.run.Json;
import io.jnas.run.RunDir;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every long command shares: {@code --seed}, {@code --out}, {@code --json}; and its output. */
public final class RunOptions {
    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", description = "Run directory (default runs/<command>-<time>-s<seed>); for estimate, a path "
            + "ending in .csv puts the scores there and the run directory next to it.")
    Path out;
    @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
    boolean json;

    /** The run directory: --out, or a fresh runs/KIND-time-sSEED. */
    Path dir(String kind) {
        return out != null ? out : RunDir.defaultPath(kind, seed);
    }

    /** Prints a progress line: to standard output, or to standard error with --json. */
    void info(String line) {
        (json ? System.err : System.out).println(line);
    }

    /** Prints the result: the JSON object with --json, otherwise "key: value" lines. */
    void result(Record result) {
        print(json, io.jnas.run.Json.toMap(result));
    }

    void result(Map<String, ?> result) {
        print(json, result);
    }

    /** Prints {@code result} as {@link #result} does, for commands without a run directory. */
    static void print(boolean json, Map<String, ?> result) {
        if (json) {
            System.out.println(Json.write(result));
        } else {
            result.forEach((k, v) -> System.out.println(k + ": " + v));
        }
    }
}
