package io.jnas.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.report.TrainReport;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.Versions;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.TrainConfig;
import io.jnas.train.Trainer;
import io.jnas.train.ofa.SubnetEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jnas finetune}: NAT's post-processing of a chosen subnet (NATv2 spec §3). The subnet is
 * extracted with its inherited weights (BN recalibrated) and (1) fine-tuned on the super-network's
 * training split while the validation split picks the best epoch count (stopping after
 * {@code patience} epochs without improvement), then (2) extracted afresh and retrained on
 * training + validation for that many epochs and tested. Two resumable sub-runs: select/, final/.
 *
 * @param subnet the subnet text
 * @param supernetDir the trained super-network run
 * @param maxEpochs most epochs tried in (1)
 * @param patience epochs without validation improvement before (1) stops
 * @param train optimisation settings (its epochs are replaced per stage)
 */
public record FinetuneJob(String subnet, String supernetDir, int maxEpochs, int patience, TrainConfig train) {
    public FinetuneJob {
        if (maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("--epochs and --patience must be >= 1, got " + maxEpochs + " and " + patience);
        }
    }

    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "finetune");
        c.put("seed", train.seed());
        c.put("subnet", subnet);
        c.put("supernet_dir", supernetDir);
        c.put("max_epochs", maxEpochs);
        c.put("patience", patience);
        c.put("train", Json.MAPPER.convertValue(train, new TypeReference<Map<String, Object>>() {
        }));
        c.put("versions", Versions.all());
        return c;
    }

    public static FinetuneJob fromConfig(Map<String, Object> c) {
        try {
            return new FinetuneJob((String) c.get("subnet"), (String) c.get("supernet_dir"),
                    ((Number) c.get("max_epochs")).intValue(), ((Number) c.get("patience")).intValue(),
                    Json.MAPPER.convertValue(c.get("train"), TrainConfig.class));
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new UserError("config.yaml does not describe a fine-tuning (" + String.valueOf(e.getMessage()).split("\n")[0]
                    + ")");
        }
    }

    public Map<String, Object> start(Path dir, Output out) throws IOException {
        RunDir run = RunDir.create(dir);
        run.writeConfig(toConfig());
        out.info("run directory: " + dir);
        return execute(run, out);
    }

    public Map<String, Object> execute(RunDir run, Output out) throws IOException {
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            SupernetJob.Loaded loaded = SupernetJob.load(Path.of(supernetDir), m);
            SupernetJob sj = loaded.job();
            OfaSubnet s = sj.ofaSpace().parse(subnet);
            Dataset d = sj.data().load();
            ImageData[] tv = sj.splits(d);
            Normalization norm = Normalization.of(tv[0]);
            OfaCost cost = OfaCost.of(s, sj.spec().inChannels(), sj.spec().classes());
            out.info(String.format("fine-tuning %s: %,d params, %,d MACs", s, cost.params(), cost.macs()));
            int batch = Math.max(sj.train().batch(), 128);
            int recal = sj.train().recalibImages();

            // (1) best epoch count on the validation split
            List<Trainer.EpochMetrics> sel = stage(run, "select", loaded.net(), s, m, tv[0], tv[1], norm, maxEpochs, true,
                    recal, batch, out);
            int best = 1;
            for (Trainer.EpochMetrics e : sel) {
                if (e.testTop1() > sel.get(best - 1).testTop1()) {
                    best = e.epoch();
                }
            }
            out.info("best epoch count on validation: " + best + " (" + sel.get(best - 1).testTop1() + "%)");
            // (2) retrain on training + validation for that many epochs, test
            ImageData all = ImageData.concat(tv[0], tv[1]);
            List<Trainer.EpochMetrics> fin = stage(run, "final", loaded.net(), s, m, all, d.test(), norm, best, false, recal,
                    batch, out);
            Trainer.EpochMetrics last = fin.get(fin.size() - 1);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("subnet", s.toString());
            res.put("best_epochs", best);
            res.put("val_top1", sel.get(best - 1).testTop1());
            res.put("test_top1", last.testTop1());
            res.put("test_top5", last.testTop5());
            res.put("params", cost.params());
            res.put("macs", cost.macs());
            res.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
            res.put("supernet", supernetDir);
            res.put("run_dir", run.dir().toString());
            run.writeResult(res);
            TrainReport.write(RunDir.open(run.file("final")), "jnas finetune (final): " + s, res);
            io.jnas.run.AtomicFiles.writeString(run.file("report.html"), "<!doctype html><meta charset=utf-8><title>jnas finetune"
                    + "</title><p>Stages: <a href=\"select/report.html\">epoch selection</a> · <a href=\"final/report.html\">"
                    + "final training</a></p><pre>" + io.jnas.report.Html.esc(Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(res)) + "</pre>");
            return res;
        }
    }

    private List<Trainer.EpochMetrics> stage(RunDir parent, String name, OfaNetwork supernet, OfaSubnet s, NDManager m,
            ImageData trainSet, ImageData evalSet, Normalization norm, int epochs, boolean early, int recal, int batch,
            Output out) throws IOException {
        Path dir = parent.file(name);
        TrainConfig cfg = new TrainConfig(epochs, train.batch(), train.optimizer(), train.lr(), train.minLr(), train.schedule(),
                0, train.momentum(), train.nesterov(), train.weightDecay(), train.labelSmoothing(), train.gradClip(), 0, 0,
                train.cropPadding(), train.flip(), 0, train.seed());
        RunDir run;
        if (Files.isRegularFile(dir.resolve("config.yaml"))) {
            run = RunDir.open(dir);
        } else {
            run = RunDir.create(dir);
            Map<String, Object> c = new LinkedHashMap<>(toConfig());
            c.put("command", "finetune-stage");
            c.put("stage", name);
            run.writeConfig(c);
        }
        OfaNetwork net = SubnetEvaluation.extract(supernet, s, m, trainSet, norm, recal, batch, train.seed());
        out.info("stage " + name + ": up to " + epochs + " epochs" + (early ? ", patience " + patience : ""));
        Trainer t = new Trainer(net, m, cfg, trainSet, evalSet, run, out::info);
        if (early) {
            t.stopWhen(h -> {
                int bestAt = 0;
                for (int i = 1; i < h.size(); i++) {
                    if (h.get(i).testTop1() > h.get(bestAt).testTop1()) {
                        bestAt = i;
                    }
                }
                return h.size() - 1 - bestAt >= patience;
            });
        }
        return t.fit().history();
    }
}
