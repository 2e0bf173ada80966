package io.jnas.experiment;

import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.Estimators;
import io.jnas.estimate.ProxyFeatures;
import io.jnas.run.AtomicFiles;
import io.jnas.run.RunDir;
import io.jnas.search.Strategy;
import io.jnas.space.EncodedSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Estimators' values as predictor inputs, computed when the search first asks for an architecture's (the archive it
 * evaluates and the shortlists it decides among) and kept in the run's {@code features.csv} (one line per
 * architecture, appended as computed), so that a resumed search computes none twice. The seconds they took are
 * counted and reported.
 */
final class OnDemand {
    private OnDemand() {
    }

    static <A> NatFeatures.Loaded<A> open(NatRun c, EncodedSpace<A> space, List<String> proxies, boolean graph, RunDir run,
            Map<String, Object> summary, Consumer<String> log) throws IOException {
        EstimatorContext<A> ctx = EstimatorContext.open(Estimators.scoring(c.estimator().with(proxies)), log);
        Path file = run.file("features.csv");
        Map<String, double[]> known = read(file);
        double[] seconds = {0};
        int[] computed = {0};
        summary.put("pool", "on demand");
        summary.put("features_file", file.toString());
        log.accept("features: " + proxies + " computed for the architectures the search shortlists (" + known.size()
                + " known from " + file + ")");
        java.util.function.Function<A, double[]> values = a -> {
            String text = space.format(a);
            synchronized (known) {
                double[] v = known.get(text);
                if (v == null) {
                    long t0 = System.nanoTime();
                    v = ProxyFeatures.of(ctx, proxies, a);
                    seconds[0] += (System.nanoTime() - t0) / 1e9;
                    computed[0]++;
                    known.put(text, v);
                    append(file, text, v);
                    summary.put("proxy_architectures", computed[0]);
                    summary.put("proxy_seconds", Results.round3(seconds[0]));
                }
                return graph ? NatFeatures.concat(space.graph(a), v) : v;
            }
        };
        return new NatFeatures.Loaded<>(new Strategy.Candidates<>(values, List.of(), true), summary, ctx);
    }

    private static Map<String, double[]> read(Path file) throws IOException {
        Map<String, double[]> m = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int tab = line.indexOf('\t');
                if (tab > 0 && line.endsWith(";")) { // a line cut by a kill lacks its end mark and is computed again
                    String[] f = line.substring(tab + 1, line.length() - 1).split(",");
                    m.put(line.substring(0, tab), Arrays.stream(f).mapToDouble(Double::parseDouble).toArray());
                }
            }
        }
        return m;
    }

    private static void append(Path file, String arch, double[] v) {
        StringBuilder sb = new StringBuilder(arch).append('\t');
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        try {
            AtomicFiles.append(file, sb.append(";\n").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
