package io.jnas.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.data.DataSpec;
import io.jnas.data.Dataset;
import io.jnas.nn.Cost;
import io.jnas.nn.Init;
import io.jnas.nn.ModelSpec;
import io.jnas.nn.Network;
import io.jnas.report.TrainReport;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import io.jnas.run.Versions;
import io.jnas.train.TrainConfig;
import io.jnas.train.Trainer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete training run, resolvable from and to a run's config.yaml: load data, build the
 * network, train with checkpoints, write result.json and report.html.
 *
 * @param model the network
 * @param data the data
 * @param train the hyper-parameters (including the seed)
 */
public record TrainJob(ModelSpec model, DataSpec data, TrainConfig train) {

    /** The config.yaml content of this job. */
    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "train");
        c.put("seed", train.seed());
        c.put("model", Json.MAPPER.convertValue(model, new TypeReference<Map<String, Object>>() {
        }));
        c.put("data", Json.MAPPER.convertValue(data, new TypeReference<Map<String, Object>>() {
        }));
        c.put("train", Json.MAPPER.convertValue(train, new TypeReference<Map<String, Object>>() {
        }));
        c.put("versions", Versions.all());
        return c;
    }

    /** Rebuilds a job from config.yaml content. */
    public static TrainJob fromConfig(Map<String, Object> c) {
        try {
            return new TrainJob(Json.MAPPER.convertValue(c.get("model"), ModelSpec.class),
                    Json.MAPPER.convertValue(c.get("data"), DataSpec.class),
                    Json.MAPPER.convertValue(c.get("train"), TrainConfig.class));
        } catch (IllegalArgumentException e) {
            throw new UserError("config.yaml does not describe a training job (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    /** Starts a new run in {@code dir}. */
    public Map<String, Object> start(java.nio.file.Path dir, Output out) throws IOException {
        RunDir run = RunDir.create(dir);
        run.writeConfig(toConfig());
        out.info("run directory: " + dir);
        return execute(run, out);
    }

    /** Trains (continuing after the last checkpoint if there is one) and writes the results. */
    public Map<String, Object> execute(RunDir run, Output out) throws IOException {
        Dataset d = data.load();
        out.info(d.describe());
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = model.build(new Init(m, Seeds.mix(train.seed(), 1)), d.train().channels(), d.numClasses());
            Cost cost = Cost.of(net, m, d.train().channels(), d.train().height(), d.train().width());
            out.info(String.format("model %s: %,d params, %,d MACs per %dx%d image", model.describe(), cost.params(),
                    cost.macs(), d.train().height(), d.train().width()));
            Trainer trainer = new Trainer(net, m, train, d.train(), d.test(), run, out::info);
            Trainer.Result r = trainer.fit();
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("arch", model.describe());
            res.put("dataset", d.name());
            res.put("train_images", d.train().size());
            res.put("test_images", d.test().size());
            res.put("epochs", train.epochs());
            res.put("test_top1", round(r.finalTest().top1()));
            res.put("test_top5", round(r.finalTest().top5()));
            res.put("test_loss", round(r.finalTest().loss()));
            res.put("params", cost.params());
            res.put("macs", cost.macs());
            res.put("images_per_s", round(r.imagesPerSecond()));
            res.put("train_seconds", round(r.trainSeconds()));
            res.put("seconds", round((System.nanoTime() - t0) / 1e9));
            res.put("seed", train.seed());
            res.put("run_dir", run.dir().toString());
            run.writeResult(res);
            TrainReport.write(run, "jnas training: " + model.kind() + " on " + d.name(), res);
            return res;
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
