package io.jnas.cli;

import static io.jnas.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jnas cluster start: a standalone cluster secured by default. A driver without the secret, or with another one, is
 * refused in one line (a wrong one within seconds), as is a master nobody listens at; with it, candidates are scored
 * there; REST submission is off; stop ends every process.
 */
class ClusterCommandTest {
    @TempDir
    Path tmp;
    private int runs;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private CliTest.Run estimate(String master, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("estimate", "--space", "nb201", "--estimators", "naswot,params",
                "--sample", "2", "--dataset", "mnist", "--data", tmp.toString(), "--threads", "1", "--engine", "spark:" + master,
                "--out", tmp.resolve("run-" + runs++).toString(), "--json"));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    /** Exit 2, and the run's last line (after its progress lines) names the problem and the fix, without a stack trace. */
    private static void refused(CliTest.Run r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("jnas: ");
        for (String f : fragments) {
            assertThat(last).contains(f);
        }
    }

    @Test
    void aSecuredClusterScoresForADriverWithItsSecretOnly() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 60, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 20, 8, 8, 10, false);
        Path dir = tmp.resolve("cluster");
        int port = freePort();
        CliTest.Run started = run("cluster", "start", "--workers", "1", "--cores", "1", "--memory", "1024", "--port",
                Integer.toString(port), "--ui-port", Integer.toString(freePort()), "--dir", dir.toString(), "--json");
        try {
            assertThat(started.code()).as(started.err()).isZero();
            Map<?, ?> d = Json.MAPPER.readValue(started.lastLine(), Map.class);
            String master = "spark://127.0.0.1:" + port;
            assertThat(d.get("master")).isEqualTo(master);
            assertThat(Files.getPosixFilePermissions(dir.resolve("secret"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> new Socket("127.0.0.1", 6066).close()).as("no REST submission port")
                    .isInstanceOf(java.io.IOException.class);

            refused(estimate(master), "needs the cluster's secret", "--secret-file", "--insecure");
            Path wrong = tmp.resolve("wrong-secret");
            Files.writeString(wrong, "not-the-secret");
            // checked by a handshake before the application starts: seconds, not Spark's three 20-second retries
            long t0 = System.nanoTime();
            refused(estimate(master, "--secret-file", wrong.toString()), "refused this secret", "--secret-file");
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds to refuse a wrong secret").isLessThan(30);
            refused(estimate("spark://127.0.0.1:" + freePort(), "--secret-file", dir.resolve("secret").toString()),
                    "cannot reach the Spark master", "jnas cluster status");

            CliTest.Run ok = estimate(master, "--secret-file", dir.resolve("secret").toString(), "--seed", "0");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.err()).contains("[2/2, 0 running, 0 failed]");
            CliTest.Run status = run("cluster", "status", "--dir", dir.toString(), "--json");
            assertThat(Json.MAPPER.readValue(status.lastLine(), Map.class).get("running")).isEqualTo(true);
        } finally {
            CliTest.Run stopped = run("cluster", "stop", "--dir", dir.toString(), "--json");
            assertThat(stopped.code()).as(stopped.err()).isZero();
        }
        Map<?, ?> d = Json.MAPPER.readValue(started.lastLine(), Map.class);
        for (Object pid : (List<?>) d.get("pids")) {
            assertThat(ProcessHandle.of(((Number) pid).longValue()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        CliTest.userError(run("cluster", "stop", "--dir", dir.toString()), "nothing to stop");
    }
}
