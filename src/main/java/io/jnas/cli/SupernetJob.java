package io.jnas.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.data.DataSpec;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.data.Splits;
import io.jnas.nn.Init;
import io.jnas.nn.NoGrad;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.report.Charts;
import io.jnas.report.Html;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import io.jnas.run.TensorFile;
import io.jnas.run.Versions;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Evaluation;
import io.jnas.train.ofa.SubnetEvaluation;
import io.jnas.train.ofa.SupernetConfig;
import io.jnas.train.ofa.SupernetTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code jnas supernet train}: an OFA / OFAv2 super-network trained by (extended) progressive
 * shrinking, resolvable from and to config.yaml. The run directory holds the weights
 * ({@code supernet.safetensors}), which {@code search nat --supernet DIR} and {@code finetune}
 * load, next to the usual config, metrics, checkpoint, result and report.
 *
 * @param space "ofa" or "ofav2"
 * @param spec the super-network's shape
 * @param data the data (a validation split is held out of its training set)
 * @param valFraction fraction of the training set held out for validation
 * @param train the training hyper-parameters
 */
public record SupernetJob(String space, OfaNetwork.Spec spec, DataSpec data, double valFraction, SupernetConfig train) {
    /** File holding the trained weights inside the run directory. */
    public static final String WEIGHTS = "supernet.safetensors";

    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "supernet-train");
        c.put("seed", train.seed());
        c.put("space", space);
        c.put("spec", Json.MAPPER.convertValue(spec, new TypeReference<Map<String, Object>>() {
        }));
        c.put("data", Json.MAPPER.convertValue(data, new TypeReference<Map<String, Object>>() {
        }));
        c.put("val_fraction", valFraction);
        c.put("train", Json.MAPPER.convertValue(train, new TypeReference<Map<String, Object>>() {
        }));
        c.put("versions", Versions.all());
        return c;
    }

    public static SupernetJob fromConfig(Map<String, Object> c) {
        try {
            return new SupernetJob((String) c.get("space"), Json.MAPPER.convertValue(c.get("spec"), OfaNetwork.Spec.class),
                    Json.MAPPER.convertValue(c.get("data"), DataSpec.class), ((Number) c.get("val_fraction")).doubleValue(),
                    Json.MAPPER.convertValue(c.get("train"), SupernetConfig.class));
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new UserError("config.yaml does not describe a super-network training (" + String.valueOf(e.getMessage())
                    .split("\n")[0] + ")");
        }
    }

    /** The subnet space of this super-network. */
    public OfaSpace ofaSpace() {
        return new OfaSpace(train.resolutions(), List.of(spec.width()), spec.parallel(), spec.exits());
    }

    /** Training and validation images: the validation split is held out of the training set (seeded, per class). */
    public ImageData[] splits(Dataset d) {
        Splits.Pair p = Splits.stratified(d.train(), valFraction, Seeds.mix(train.seed(), 5));
        return new ImageData[] {p.first(), p.second()};
    }

    public Map<String, Object> start(Path dir, Output out) throws IOException {
        RunDir run = RunDir.create(dir);
        run.writeConfig(toConfig());
        out.info("run directory: " + dir);
        return execute(run, out);
    }

    public Map<String, Object> execute(RunDir run, Output out) throws IOException {
        Dataset d = data.load();
        ImageData[] tv = splits(d);
        out.info(d.describe() + "; " + tv[0].size() + " train / " + tv[1].size() + " validation images");
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            OfaNetwork net = OfaNetwork.supernet(new Init(m, Seeds.mix(train.seed(), 1)), spec, train.resolutions().get(0));
            SupernetTrainer trainer = new SupernetTrainer(net, m, train, tv[0], tv[1], run, out::info);
            out.info(String.format("%s super-network: %d phases (%s), %d epochs", space, trainer.phases().size(),
                    trainer.phases().stream().map(p -> p.name()).collect(Collectors.joining(" → ")), trainer.totalEpochs()));
            List<Map<String, Object>> history = trainer.fit();
            TensorFile.write(run.file(WEIGHTS), net.namedArrays()); // atomic
            OfaSpace sp = ofaSpace();
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("space", space);
            res.put("dataset", d.name());
            for (Map.Entry<String, OfaSubnet> e : Map.of("largest", sp.largest(), "smallest", sp.smallest()).entrySet()) {
                Evaluation ev = SubnetEvaluation.of(net, e.getValue(), m, tv[0], tv[1], trainer.normalization(),
                        train.recalibImages(), Math.max(train.batch(), 128), train.seed());
                OfaCost c = OfaCost.of(e.getValue(), spec.inChannels(), spec.classes());
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("subnet", e.getValue().toString());
                r.put("val_top1", ev.top1());
                r.put("params", c.params());
                r.put("macs", c.macs());
                res.put(e.getKey(), r);
                out.info(String.format("%s subnet: validation %.2f%%, %,d params, %,d MACs", e.getKey(), ev.top1(), c.params(),
                        c.macs()));
            }
            res.put("epochs", trainer.totalEpochs());
            res.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
            res.put("weights", run.file(WEIGHTS).toString());
            res.put("run_dir", run.dir().toString());
            run.writeResult(res);
            report(run, res, history);
            return res;
        }
    }

    private void report(RunDir run, Map<String, Object> res, List<Map<String, Object>> history) throws IOException {
        List<Integer> x = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        for (Map<String, Object> r : history) {
            x.add(((Number) r.get("epoch")).intValue());
            loss.add(((Number) r.get("train_loss")).doubleValue());
            acc.add(((Number) r.get("largest_val_top1")).doubleValue());
        }
        Html h = new Html("jnas supernet train (" + space + ")").h2("Result").kv(res);
        if (!x.isEmpty()) {
            Charts.lines(run.file("loss.png"), "Training loss (summed over sampled subnets)", "epoch", "loss", x,
                    Map.of("train", loss));
            Charts.lines(run.file("accuracy.png"), "Largest subnet, validation top-1", "epoch", "%", x,
                    Map.of("largest", acc));
            h.h2("Curves").img("loss.png").img("accuracy.png");
            h.h2("Epochs").table(List.of("epoch", "phase", "phase_epoch", "train_loss", "largest_val_top1", "seconds"), history);
        }
        h.h2("Configuration").pre(Files.readString(run.file("config.yaml")));
        AtomicFiles.writeString(run.file("report.html"), h.build());
    }

    /** Loads a trained super-network from its run directory. */
    public static Loaded load(Path dir, NDManager m) throws IOException {
        RunDir run = RunDir.open(dir);
        Map<String, Object> cfg = run.readConfig();
        if (!"supernet-train".equals(cfg.get("command"))) {
            throw new UserError(dir + " is not a super-network run (config.yaml command is " + cfg.get("command")
                    + "); train one with: jnas supernet train --out " + dir);
        }
        SupernetJob job = fromConfig(cfg);
        Path w = run.file(WEIGHTS);
        if (!Files.isRegularFile(w)) {
            throw new UserError(dir + " has no " + WEIGHTS + " (training unfinished?): finish it with: jnas resume " + dir);
        }
        OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), job.spec(), job.train().resolutions().get(0));
        Map<String, NDArray> saved = TensorFile.read(w, m);
        try (NoGrad ng = new NoGrad()) {
            TensorFile.copyInto(saved, net.namedArrays(), "super-network");
        }
        return new Loaded(job, net);
    }

    /** A loaded super-network and the job that trained it. */
    public record Loaded(SupernetJob job, OfaNetwork net) {
    }
}
