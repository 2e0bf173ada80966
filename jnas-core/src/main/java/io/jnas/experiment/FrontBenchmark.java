package io.jnas.experiment;

import io.jnas.estimate.Nb201Table;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.run.Json;
import io.jnas.search.nat.FrontQuality;
import io.jnas.space.CostModel;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Space;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The quality of NAS-Bench-201 fronts ({@code jnas bench front}): the true front of error (100 − CIFAR-10 200-epoch
 * test accuracy), params and MACs over all 15,625 cells, and the hypervolume ratio of searches' fronts, or of
 * random samples, to it.
 */
public final class FrontBenchmark {
    private final Nb201Table table;
    private final CostModel<Nb201Cell> cost;
    private final FrontQuality quality;

    public FrontBenchmark(Path tablePath) throws IOException {
        SpaceKit<Nb201Cell> kit = SpaceKits.get("nb201");
        this.table = Nb201Table.forSpace(kit.space(), tablePath);
        this.cost = kit.costModel(3, 10, 32);
        List<double[]> all = new ArrayList<>();
        for (Nb201Cell c : new Nb201Space().enumerate()) {
            all.add(objectives(c));
        }
        this.quality = new FrontQuality(all);
    }

    private double[] objectives(Nb201Cell c) {
        return new double[] {100 - table.require(c, Nb201Table.testColumn("cifar10", 200)), cost.params(c), cost.macs(c)};
    }

    /** The ratio of the front a {@code search nat} run returned (its result.json), and of every cell it scored. */
    public Map<String, Object> run(Path dir) throws IOException {
        Path result = dir.resolve("result.json");
        if (!Files.isRegularFile(result)) {
            throw new IllegalArgumentException(dir + " has no result.json: give finished 'jnas search nat --space nb201' runs");
        }
        Map<String, Object> r = Json.toMap(Json.MAPPER.readTree(result.toFile()));
        if (!(r.get("front") instanceof List<?> front)) {
            throw new IllegalArgumentException(dir + " is not a search nat run (its result has no front)");
        }
        List<double[]> points = new ArrayList<>();
        for (Object o : front) {
            points.add(objectives(Nb201Cell.parse((String) ((Map<?, ?>) o).get("arch"))));
        }
        List<double[]> scored = new ArrayList<>();
        for (Map<String, Object> m : io.jnas.run.RunDir.open(dir).readMetrics()) {
            if (m.get("arch") instanceof String a) {
                scored.add(objectives(Nb201Cell.parse(a)));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", dir.toString());
        out.put("evaluated", r.get("evaluated"));
        out.put("front", points.size());
        out.put("hv_ratio", Results.round4(quality.ratio(points)));
        out.put("hv_ratio_all_scored", Results.round4(quality.ratio(scored)));
        return out;
    }

    /** The mean ratio of {@code n} distinct random cells over {@code seeds} seeds (0..seeds−1). */
    public double random(int n, int seeds) {
        Nb201Space space = new Nb201Space();
        double sum = 0;
        for (int s = 0; s < seeds; s++) {
            SplittableRandom r = new SplittableRandom(s);
            java.util.Set<Nb201Cell> cells = new java.util.LinkedHashSet<>();
            while (cells.size() < n) {
                cells.add(space.sample(r));
            }
            sum += quality.ratio(cells.stream().map(this::objectives).toList());
        }
        return sum / seeds;
    }

    /** The figures of {@code jnas bench front}: one row per run, then the mean ratio of random samples of each size. */
    public Map<String, Object> report(List<Path> runs, List<Integer> randomSizes, int seeds) throws IOException {
        Map<String, Object> res = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Path r : runs) {
            rows.add(run(r));
        }
        res.put("runs", rows);
        for (int n : randomSizes) {
            res.put("random_" + n, Results.round4(random(n, seeds)));
        }
        return res;
    }
}
