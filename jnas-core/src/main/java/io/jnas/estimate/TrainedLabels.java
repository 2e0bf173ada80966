package io.jnas.estimate;

import io.jnas.run.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The few-shot ranker's labels obtained by training ({@code --label-source train}): each labelled architecture's full
 * network trained from scratch for {@code --label-epochs} epochs with NAS-Bench-201's recipe on 90 % of the run's
 * training split, labelled with its accuracy on the other 10 % (never the test split, which a study may be judged
 * against). Every accuracy is written to the run's {@value #FILE} as soon as it exists (the whole file replaced
 * atomically), so a killed run trains none of them twice; the file is a CSV of arch,accuracy that
 * {@code --label-source csv:PATH} reads too.
 */
public final class TrainedLabels {
    /** The file, in the run directory, that keeps the trained labels. */
    public static final String FILE = "labels_trained.csv";

    private TrainedLabels() {
    }

    /**
     * The accuracy of each of {@code archs} (text forms): read from {@code file} where already trained, else trained now and
     * added to it.
     *
     * @param progress told (done, total) before each training and at the end
     */
    public static <A> Map<String, Double> ensure(EstimatorContext<A> ctx, List<String> archs, Path file,
            BiConsumer<Integer, Integer> progress) {
        int epochs = ctx.spec().labels().epochs();
        Map<String, Double> done = read(file);
        Map<String, Double> out = new LinkedHashMap<>();
        Estimator<A> trainer = null;
        int k = 0;
        for (String arch : archs) {
            progress.accept(k++, archs.size());
            Double acc = done.get(arch);
            if (acc == null) {
                if (trainer == null) {
                    ctx.log(String.format("fewshot: training %d of %d labelled architectures for %d epochs each (%d already in %s)",
                            archs.stream().filter(a -> !done.containsKey(a)).count(), archs.size(), epochs,
                            archs.size() - archs.stream().filter(a -> !done.containsKey(a)).count(), file));
                    trainer = TrainedEstimator.training(ctx, epochs);
                }
                Score s = trainer.estimate(ctx.kit().space().parse(arch));
                acc = s.value();
                done.put(arch, acc);
                write(file, done);
                ctx.log(String.format("fewshot: label %d/%d %s  held-out accuracy %.2f%% (%.0f s)", k, archs.size(), arch, acc,
                        s.seconds()));
            }
            out.put(arch, acc);
        }
        progress.accept(archs.size(), archs.size());
        return out;
    }

    /** The labels trained so far (empty when the file does not exist yet). */
    static Map<String, Double> read(Path file) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return m;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                int comma = line.lastIndexOf(',');
                if (comma > 0) {
                    m.put(line.substring(0, comma), Double.parseDouble(line.substring(comma + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static void write(Path file, Map<String, Double> labels) {
        StringBuilder sb = new StringBuilder("arch,accuracy\n");
        labels.forEach((a, v) -> sb.append(a).append(',').append(v).append('\n'));
        try {
            AtomicFiles.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
