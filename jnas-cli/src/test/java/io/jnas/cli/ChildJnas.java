package io.jnas.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs jnas in a child JVM (the test's class path, 2 libtorch threads) so that a test can kill it with SIGKILL. */
public final class ChildJnas {
    private final Path logs;

    public ChildJnas(Path logs) {
        this.logs = logs;
    }

    /** A process builder for {@code jnas ARGS}; its output goes to a log file under the log folder. */
    public ProcessBuilder builder(String... args) {
        return java(List.of("-Xmx2g"), "io.jnas.cli.Main", args).redirectErrorStream(true)
                .redirectOutput(logs.resolve("log-" + System.nanoTime()).toFile());
    }

    /** {@code mainClass ARGS} in a child JVM on the test's class path, offline, 2 libtorch threads, with {@code flags}. */
    public static ProcessBuilder java(List<String> flags, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1"));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Runs {@code jnas ARGS} to the end and returns its exit code. */
    public int run(String... args) throws IOException, InterruptedException {
        Process p = builder(args).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("jnas " + String.join(" ", args) + " did not end within 5 minutes");
        }
        return p.exitValue();
    }

    /**
     * Starts {@code jnas ARGS} halting for good right after the event {@code haltAt} ("NAME:N"), waits until it
     * signals that event, kills it with SIGKILL and returns the lines it wrote to standard error until then.
     */
    public List<String> killAt(String haltAt, String... args) throws IOException, InterruptedException {
        ProcessBuilder b = builder(args).redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().putAll(Map.of("JNAS_HALT_AT", haltAt, "JNAS_EVENTS", "1"));
        Process p = b.start();
        String[] parts = haltAt.split(":");
        String expected = "jnas-event: " + parts[0] + " " + parts[1] + " ";
        List<String> seen = new ArrayList<>();
        boolean reached = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                seen.add(line);
                if (line.startsWith(expected)) {
                    reached = true;
                    break;
                }
            }
            if (!reached) {
                throw new AssertionError("jnas " + String.join(" ", args) + " ended before " + haltAt + ":\n"
                        + String.join("\n", seen));
            }
            if (!p.isAlive()) {
                throw new AssertionError("jnas did not halt at " + haltAt);
            }
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return seen;
    }
}
