package io.jnas.report;

import io.jnas.run.AtomicFiles;
import io.jnas.run.RunDir;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report.html of every run: a title, the result's scalar fields, sections of text, pictures, curves and
 * tables, and always the run's resolved configuration at the end. Pictures are written next to it.
 */
public final class Report {
    private final Html html;
    private final RunDir run;

    private Report(RunDir run, String title) {
        this.run = run;
        this.html = new Html(title);
    }

    /** A report of {@code run}. */
    public static Report of(RunDir run, String title) {
        return new Report(run, title);
    }

    /** The result record's scalar fields, as {@link #result(Map)}. */
    public Report result(Record result) {
        return result(io.jnas.run.Json.toMap(result));
    }

    /** The result's scalar fields (nested maps and lists are left to their own sections). */
    public Report result(Map<String, ?> result) {
        Map<String, Object> flat = new LinkedHashMap<>();
        result.forEach((k, v) -> {
            if (!(v instanceof Map) && !(v instanceof List)) {
                flat.put(k, v);
            }
        });
        html.h2("Result").kv(flat);
        return this;
    }

    public Report section(String title) {
        html.h2(title);
        return this;
    }

    public Report text(String paragraph) {
        html.p(paragraph);
        return this;
    }

    /** A picture of the run directory (path relative to it). */
    public Report image(String file) {
        html.img(file);
        return this;
    }

    public Report table(List<String> columns, List<? extends Map<String, ?>> rows) {
        html.table(columns, rows);
        return this;
    }

    /** A line chart written to {@code png} in the run directory and shown. */
    public Report curves(String png, String title, String xLabel, String yLabel, List<? extends Number> x,
            Map<String, List<? extends Number>> series) throws IOException {
        Charts.lines(run.file(png), title, xLabel, yLabel, x, series);
        return image(png);
    }

    /** A scatter plot written to {@code png} in the run directory and shown. */
    public Report scatter(String png, String title, String xLabel, String yLabel, List<Double> x, List<Double> y)
            throws IOException {
        Charts.scatter(run.file(png), title, xLabel, yLabel, x, y);
        return image(png);
    }

    /** Learning curves (loss, top-1) and the per-epoch table of a training run's metrics.jsonl. */
    public Report trainingCurves() throws IOException {
        List<Map<String, Object>> rows = run.readMetrics();
        if (rows.isEmpty()) {
            return this;
        }
        List<Integer> epochs = new ArrayList<>();
        Map<String, List<? extends Number>> loss = new LinkedHashMap<>();
        Map<String, List<? extends Number>> acc = new LinkedHashMap<>();
        loss.put("train", column(rows, "train_loss"));
        loss.put("test", column(rows, "test_loss"));
        acc.put("train", column(rows, "train_top1"));
        acc.put("test", column(rows, "test_top1"));
        rows.forEach(r -> epochs.add(((Number) r.get("epoch")).intValue()));
        section("Learning curves").curves("loss.png", "Loss", "epoch", "cross-entropy", epochs, loss)
                .curves("accuracy.png", "Top-1 accuracy", "epoch", "%", epochs, acc);
        return section("Epochs").table(List.of("epoch", "lr", "train_loss", "train_top1", "test_loss", "test_top1", "test_top5",
                "seconds", "images_per_s"), rows);
    }

    private static List<Double> column(List<Map<String, Object>> rows, String key) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(((Number) r.get(key)).doubleValue());
        }
        return out;
    }

    /** Writes report.html with the configuration appended. */
    public void write() throws IOException {
        html.h2("Configuration").pre(Files.readString(run.file("config.yaml")));
        AtomicFiles.writeString(run.file("report.html"), html.build());
    }
}
