package io.jnas.report;

import io.jnas.run.AtomicFiles;
import io.jnas.run.RunDir;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** report.html of a training run: summary, learning curves, per-epoch table, configuration. */
public final class TrainReport {
    private TrainReport() {
    }

    public static void write(RunDir run, String title, Map<String, ?> summary) throws IOException {
        List<Map<String, Object>> rows = run.readMetrics();
        List<Integer> epochs = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> testLoss = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> testAcc = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            epochs.add(((Number) r.get("epoch")).intValue());
            trainLoss.add(((Number) r.get("train_loss")).doubleValue());
            testLoss.add(((Number) r.get("test_loss")).doubleValue());
            trainAcc.add(((Number) r.get("train_top1")).doubleValue());
            testAcc.add(((Number) r.get("test_top1")).doubleValue());
        }
        Html h = new Html(title).h2("Summary").kv(summary);
        if (!rows.isEmpty()) {
            Map<String, List<? extends Number>> loss = new LinkedHashMap<>();
            loss.put("train", trainLoss);
            loss.put("test", testLoss);
            Charts.lines(run.file("loss.png"), "Loss", "epoch", "cross-entropy", epochs, loss);
            Map<String, List<? extends Number>> acc = new LinkedHashMap<>();
            acc.put("train", trainAcc);
            acc.put("test", testAcc);
            Charts.lines(run.file("accuracy.png"), "Top-1 accuracy", "epoch", "%", epochs, acc);
            h.h2("Learning curves").img("loss.png").img("accuracy.png");
            h.h2("Epochs").table(List.of("epoch", "lr", "train_loss", "train_top1", "test_loss", "test_top1", "test_top5",
                    "seconds", "images_per_s"), rows);
        }
        h.h2("Configuration").pre(java.nio.file.Files.readString(run.file("config.yaml")));
        AtomicFiles.writeString(run.file("report.html"), h.build());
    }
}
