package io.jnas.cli;

import io.jnas.run.Json;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares for its output: {@code --json}. */
public final class Output {
    @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
    boolean json;

    /** Prints a human line unless --json asked for machine output only. */
    public void info(String line) {
        if (!json) {
            System.out.println(line);
        } else {
            System.err.println(line);
        }
    }

    /** Prints the result: the JSON object with --json, otherwise "key: value" lines. */
    public void result(Map<String, ?> result) {
        if (json) {
            System.out.println(Json.write(result));
        } else {
            result.forEach((k, v) -> System.out.println(k + ": " + v));
        }
    }

    public boolean json() {
        return json;
    }
}
