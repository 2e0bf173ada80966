package io.jnas.toy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.cli.Main;
import io.jnas.engine.InFlight;
import io.jnas.run.Json;
import io.jnas.search.EvolutionConfig;
import io.jnas.search.RandomConfig;
import io.jnas.search.SearchLoop;
import io.jnas.search.Strategy;
import io.jnas.search.nat.FrontQuality;
import io.jnas.search.nat.Member;
import io.jnas.search.nat.NatConfig;
import io.jnas.search.nat.NatSearch;
import io.jnas.space.CostModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A space and an estimator defined in test code only (docs/architecture.md, "how to add a space / an estimator / a
 * strategy") run through the public API: random search, MOTE-NAS evolution and the NAT loop, and through the command
 * line once their kit and estimator are declared as service providers.
 */
class ToySpaceTest {
    private final ToySpace space = new ToySpace();
    private final CostModel<ToySpace.Arch> cost = new ToyKit().costModel(3, 10, 32);
    private final double best = space.all().stream().mapToDouble(ToySpace::accuracy).max().orElseThrow();

    private <A> List<Strategy.Evaluated<ToySpace.Arch>> run(Strategy<ToySpace.Arch> s) throws Exception {
        try (InFlight engine = new InFlight(2)) {
            return new SearchLoop<>(s, ToyEstimator.of(), engine, space::format).run(0, (r, a, sc, replayed) -> { });
        }
    }

    private static double top(List<Strategy.Evaluated<ToySpace.Arch>> all) {
        return all.stream().mapToDouble(e -> e.score().value()).max().orElseThrow();
    }

    @Test
    void evolutionFindsTheBestMoreOftenThanRandomSearch() throws Exception {
        int evo = 0;
        int rnd = 0;
        for (long seed = 0; seed < 10; seed++) {
            EvolutionConfig e = new EvolutionConfig(10, 10, 0.1, seed);
            assertThat(e.budget()).isEqualTo(120);
            evo += top(run(e.create(space, cost))) == best ? 1 : 0;
            rnd += top(run(new RandomConfig(e.budget(), seed).create(space, cost))) == best ? 1 : 0;
        }
        // 120 of 3,125 random architectures hold the best with probability 3.8 %
        System.out.println("toy: evolution found the best in " + evo + " of 10 seeds, random search in " + rnd);
        assertThat(rnd).isLessThanOrEqualTo(2);
        assertThat(evo).isGreaterThanOrEqualTo(rnd + 4);
    }

    @Test
    void theNatLoopApproachesTheTrueFront() throws Exception {
        List<String> obj = List.of("error", "params", "macs");
        List<double[]> all = new ArrayList<>();
        for (ToySpace.Arch a : space.all()) {
            all.add(new double[] {100 - ToySpace.accuracy(a), ToySpace.params(a), ToySpace.macs(a)});
        }
        FrontQuality quality = new FrontQuality(all);
        double nat = 0;
        double random = 0;
        for (long seed = 0; seed < 5; seed++) {
            NatSearch<ToySpace.Arch> s = NatConfig.preset(false, "natv2", obj, 20, null, 10, "rf", 3, 0, 100, "spread", "history", seed)
                    .create(space, cost);
            run(s);
            nat += quality.ratio(s.front().stream().map(m -> m.objectives(obj)).toList()) / 5;
            List<double[]> sample = run(new RandomConfig(100, seed).create(space, cost)).stream()
                    .map(e -> new Member<>(e.arch(), 100 - e.score().value(), ToySpace.params(e.arch()),
                            ToySpace.macs(e.arch()), 0).objectives(obj)).toList();
            random += quality.ratio(sample) / 5;
        }
        assertThat(nat).as("NAT's hypervolume ratio at 100 evaluations").isGreaterThan(random).isGreaterThan(0.9);
    }

    @TempDir
    Path tmp;

    /** jnas ARGS in this JVM; the exit code and the last line of standard output. */
    private static Object[] cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(old);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return new Object[] {code, lines[lines.length - 1]};
    }

    @Test
    void aDeclaredEngineScoresFromTheCommandLineAsThisProcessDoes() throws Exception {
        String[] search = {"search", "nat", "--space", "toy", "--estimator", "toy", "--evaluations", "40", "--archive", "16",
            "--candidates", "8", "--predictor", "rf", "--seed", "2", "--json"};
        Object[] here = cli(concat(search, "--out", tmp.resolve("here").toString()));
        int before = ToyEngine.TASKS.get();
        Object[] toy = cli(concat(search, "--engine", "toy:3", "--out", tmp.resolve("toy").toString()));
        assertThat(here[0]).isEqualTo(0);
        assertThat(toy[0]).isEqualTo(0);
        assertThat(ToyEngine.TASKS.get() - before).as("tasks the toy engine scored").isEqualTo(40);
        Map<?, ?> a = Json.MAPPER.readValue((String) here[1], Map.class);
        Map<?, ?> b = Json.MAPPER.readValue((String) toy[1], Map.class);
        assertThat(b.get("front")).isEqualTo(a.get("front"));
        assertThat(b.get("hypervolume")).isEqualTo(a.get("hypervolume"));
        assertThat(java.nio.file.Files.readString(tmp.resolve("toy/config.yaml"))).contains("engine: \"toy:3\"");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aDeclaredSpaceAndEstimatorRunFromTheCommandLine() throws Exception {
        Object[] res = cli("search", "nat", "--space", "toy", "--estimator", "toy", "--evaluations", "60", "--archive", "20",
                "--candidates", "8", "--predictor", "rf", "--out", tmp.resolve("nat").toString(), "--json");
        int code = (Integer) res[0];
        assertThat(code).isZero();
        Map<?, ?> r = Json.MAPPER.readValue((String) res[1], Map.class);
        assertThat(r.get("evaluated")).isEqualTo(60);
        List<?> front = (List<?>) r.get("front");
        Map<?, ?> first = (Map<?, ?>) front.stream().min(Comparator.comparingDouble(f -> ((Number) ((Map<?, ?>) f).get("error"))
                .doubleValue())).orElseThrow();
        ToySpace.Arch a = space.parse((String) first.get("arch"));
        assertThat(((Number) first.get("error")).doubleValue()).isEqualTo(100 - ToySpace.accuracy(a),
                org.assertj.core.api.Assertions.within(1e-3));
        assertThat(((Number) first.get("params")).longValue()).isEqualTo(ToySpace.params(a));
    }
}
