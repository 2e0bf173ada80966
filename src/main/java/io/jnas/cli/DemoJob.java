package io.jnas.cli;

import io.jnas.nn.ModelSpec;
import io.jnas.report.Html;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo: a search run in {@code search/}, then a training run of the found cell in
 * {@code train/}, then {@code report.html} tying them together. Each part is resumable; a
 * resumed demo skips a finished search.
 *
 * @param search the search
 * @param train the training (its architecture is replaced by the one found)
 */
public record DemoJob(SearchJob search, TrainJob train) {

    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "demo");
        c.put("seed", search.search().seed());
        c.put("search", search.toConfig());
        c.put("train", train.toConfig());
        c.put("versions", Versions.all());
        return c;
    }

    @SuppressWarnings("unchecked")
    public static DemoJob fromConfig(Map<String, Object> c) {
        return new DemoJob(SearchJob.fromConfig((Map<String, Object>) c.get("search")),
                TrainJob.fromConfig((Map<String, Object>) c.get("train")));
    }

    public Map<String, Object> start(Path dir, Output out) throws IOException {
        RunDir run = RunDir.create(dir);
        run.writeConfig(toConfig());
        out.info("run directory: " + dir);
        return execute(run, out);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> execute(RunDir run, Output out) throws IOException {
        long t0 = System.nanoTime();
        Path searchDir = run.file("search");
        Map<String, Object> s;
        if (Files.exists(searchDir.resolve("result.json"))) {
            s = Json.MAPPER.readValue(searchDir.resolve("result.json").toFile(), Map.class);
            out.info("search already finished: " + s.get("arch"));
        } else if (Files.exists(searchDir.resolve("config.yaml"))) {
            s = search.resume(RunDir.open(searchDir), out);
        } else {
            s = search.start(searchDir, out);
        }
        String arch = (String) s.get("arch");
        out.info("found cell " + arch + " (" + s.get("skips") + " skip connections); training it");
        ModelSpec m = train.model();
        TrainJob t = new TrainJob(new ModelSpec(m.kind(), arch, m.channels(), m.depth(), m.auxiliary()), train.data(),
                train.train());
        Path trainDir = run.file("train");
        Map<String, Object> r = Files.exists(trainDir.resolve("config.yaml")) ? t.execute(RunDir.open(trainDir), out)
                : t.start(trainDir, out);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("arch", arch);
        res.put("skips", s.get("skips"));
        res.put("search_seconds", s.get("seconds"));
        if (s.containsKey("table_accuracy")) {
            res.put("table_accuracy", s.get("table_accuracy"));
        }
        res.put("test_top1", r.get("test_top1"));
        res.put("params", r.get("params"));
        res.put("macs", r.get("macs"));
        res.put("train_seconds", r.get("train_seconds"));
        res.put("seconds", TrainJob.round((System.nanoTime() - t0) / 1e9));
        res.put("run_dir", run.dir().toString());
        run.writeResult(res);
        Html h = new Html("jnas demo: label-free search, then training").h2("Result").kv(res)
                .p("The search (MAE-NAS, NAS-Bench-201 space) never read a label: its supernet learned by reconstructing "
                        + "masked images. The found cell was then trained from scratch with labels.")
                .h2("Search").p("Details: search/report.html").img("search/reconstruction.png").img("search/alpha.png");
        if (Files.exists(searchDir.resolve("cell.svg"))) {
            h.img("search/cell.svg");
        }
        h.h2("Training of the found cell").p("Details: train/report.html").img("train/accuracy.png");
        h.h2("Configuration").pre(Files.readString(run.file("config.yaml")));
        AtomicFiles.writeString(run.file("report.html"), h.build());
        out.info("report: " + run.file("report.html"));
        return res;
    }

}
