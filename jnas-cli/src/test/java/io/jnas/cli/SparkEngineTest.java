package io.jnas.cli;

import static io.jnas.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine on a local-cluster (a driver and two executor JVMs): the scores and the found architecture of the
 * local worker processes at the same thread count, and a killed executor costs only its task.
 */
class SparkEngineTest {
    static final String CLUSTER = "spark:local-cluster[2,1,1024]";
    @TempDir
    Path tmp;

    @BeforeEach
    void data() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 120, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 30, 8, 8, 10, false);
    }

    private CliTest.Run estimate(Path out, String... engine) {
        List<String> a = new java.util.ArrayList<>(List.of("estimate", "--space", "nb201", "--estimators", "naswot,params,az_nas",
                "--sample", "8", "--dataset", "mnist", "--data", tmp.toString(), "--threads", "1", "--out", out.toString(),
                "--json"));
        a.addAll(List.of(engine));
        return run(a.toArray(String[]::new));
    }

    @Test
    void estimateOnALocalClusterGivesTheWorkersScoresThoughAnExecutorIsKilled() throws Exception {
        CliTest.Run local = estimate(tmp.resolve("local"), "--workers", "2");
        assertThat(local.code()).as(local.err()).isZero();
        Map<String, List<String>> reference = EstimateWorkersTest.scores(tmp.resolve("local"));
        assertThat(reference).hasSize(8);

        // the first executor to score a task halts before returning it and writes its pid; it is then killed -9
        Path claim = tmp.resolve("halted-executor");
        System.setProperty("jnas.executor.halt", "1:" + claim);
        CompletableFuture<CliTest.Run> spark;
        try {
            spark = CompletableFuture.supplyAsync(() -> estimate(tmp.resolve("spark"), "--engine", CLUSTER));
            for (int i = 0; i < 1200 && !Files.exists(claim); i++) {
                Thread.sleep(100);
            }
            assertThat(claim).as("an executor signalled its first task").exists();
        } finally {
            System.clearProperty("jnas.executor.halt");
        }
        long pid = Long.parseLong(Files.readString(claim).trim());
        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        CliTest.Run s = spark.get(5, TimeUnit.MINUTES);
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(EstimateWorkersTest.scores(tmp.resolve("spark"))).isEqualTo(reference);
        Map<?, ?> res = Json.MAPPER.readValue(s.lastLine(), Map.class);
        assertThat(((Map<?, ?>) res.get("workers")).get("engine")).isEqualTo(CLUSTER);
        assertThat(s.err()).contains("Spark: 2 executors").contains("[8/8, 0 running, 0 failed]");
        try (var shipped = Files.list(tmp.resolve("spark/shipped"))) {
            assertThat(shipped.map(p -> p.getFileName().toString())).singleElement().asString().matches("[0-9a-f]{64}\\.jnasdata");
        }
    }

    /**
     * A MOTE-NAS search on the cluster (evolution scored by an ensemble, then its top 3 validated by real training, each
     * training a task) finds the architecture the worker processes find, from the same scores and validations.
     */
    @Test
    void searchMoteWithTopKTrainingOnALocalClusterFindsWhatTheWorkersFind() throws Exception {
        Map<?, ?> local = Json.MAPPER.readValue(search(tmp.resolve("local"), "--workers", "2").lastLine(), Map.class);
        Map<?, ?> spark = Json.MAPPER.readValue(search(tmp.resolve("spark"), "--engine", CLUSTER).lastLine(), Map.class);
        assertThat(spark.get("arch")).isEqualTo(local.get("arch"));
        assertThat(EstimateWorkersTest.searchScores(tmp.resolve("spark"))).isEqualTo(
                EstimateWorkersTest.searchScores(tmp.resolve("local"))).hasSize(16);
        assertThat((List<?>) local.get("validated")).hasSize(3);
        assertThat(spark.get("validated")).isEqualTo(local.get("validated"));
        assertThat(spark.get("selection")).isEqualTo("top-3 by trained");
    }

    private CliTest.Run search(Path out, String... engine) {
        List<String> a = new java.util.ArrayList<>(List.of("search", "mote", "--estimator", "ensemble", "--ensemble",
                "naswot,params", "--variant", "topk", "--k", "3", "--validation", "trained", "--validate-epochs", "1", "--initial",
                "6", "--iterations", "1", "--dataset", "mnist", "--data", tmp.toString(), "--threads", "1", "--out", out.toString(),
                "--json"));
        a.addAll(List.of(engine));
        CliTest.Run r = run(a.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    /**
     * search nat on a super-network: every evaluation is a task that reads the weights adapted in the iteration before,
     * shipped again after each adaptation; the cluster gives the front the worker processes give.
     */
    @Test
    void searchNatOnASuperNetworkGivesTheWorkersFront() throws Exception {
        Path sn = tmp.resolve("sn");
        CliTest.Run t = run("supernet", "train", "--space", "ofa", "--dataset", "mnist", "--data", tmp.toString(), "--full-epochs",
                "1", "--phase-epochs", "0", "--resolutions", "32", "--batch", "32", "--train-size", "40", "--val-fraction", "0.2",
                "--out", sn.toString(), "--json"); // 30 training and 10 validation images: every evaluation is a short task
        assertThat(t.code()).as(t.err()).isZero();
        Map<?, ?> local = nat(sn, tmp.resolve("nat-local"), "--workers", "2");
        Map<?, ?> spark = nat(sn, tmp.resolve("nat-spark"), "--engine", CLUSTER);
        assertThat(spark.get("front")).isEqualTo(local.get("front"));
        assertThat(spark.get("hypervolume")).isEqualTo(local.get("hypervolume"));
        assertThat(EstimateWorkersTest.searchScores(tmp.resolve("nat-spark")))
                .isEqualTo(EstimateWorkersTest.searchScores(tmp.resolve("nat-local")));
        try (var shipped = Files.list(tmp.resolve("nat-spark/shipped"))) {
            assertThat(shipped.filter(p -> p.toString().endsWith(".safetensors")).count())
                    .as("the trained weights, then the adapted ones shipped again").isEqualTo(2);
        }
    }

    private static Map<?, ?> nat(Path sn, Path out, String... engine) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("search", "nat", "--supernet", sn.toString(), "--archive", "6",
                "--iterations", "2", "--candidates", "2", "--predictor", "rbf", "--folds", "1", "--adapt-epochs", "1", "--export",
                "0", "--threads", "1", "--out", out.toString(), "--json"));
        a.addAll(List.of(engine));
        CliTest.Run r = run(a.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return Json.MAPPER.readValue(r.lastLine(), Map.class);
    }

    @Test
    void badEngineOptionsAreOneLine() {
        CliTest.userError(estimate(tmp.resolve("a"), "--engine", "yarn"), "unknown engine 'yarn'", "local", "spark");
        CliTest.userError(estimate(tmp.resolve("f"), "--engine", "local:4"), "--engine local takes no arguments");
        CliTest.userError(estimate(tmp.resolve("b"), "--engine", "spark"), "--engine spark takes its master from spark-submit");
        CliTest.userError(estimate(tmp.resolve("c"), "--engine", "spark:local-cluster[2,0,1024]"),
                "executors of 0 cores cannot run tasks of --threads 1");
        CliTest.userError(estimate(tmp.resolve("d"), "--engine", CLUSTER, "--workers", "2"), "a Spark cluster's size is its executors");
        CliTest.userError(estimate(tmp.resolve("e"), "--engine", "spark:mesos://x:5050"), "unknown Spark master 'mesos://x:5050'");
    }
}
