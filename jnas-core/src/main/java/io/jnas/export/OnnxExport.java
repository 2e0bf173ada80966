package io.jnas.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.data.Preprocessing;
import io.jnas.experiment.Results;
import io.jnas.experiment.TrainRun;
import io.jnas.experiment.Experiments;
import io.jnas.experiment.FinetuneRun;
import io.jnas.experiment.NatRun;
import io.jnas.experiment.RunConfig;
import io.jnas.nn.Cost;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.nn.onnx.OnnxGraph;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.TensorFile;
import io.jnas.run.Versions;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.ofa.SupernetSpec;
import io.jnas.train.ofa.TrainedSupernet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a trained network of a run directory as an ONNX model (inference form, standard operators, opset 13 or
 * later) with what a consumer needs in its metadata: input name and layout, normalisation, class names, the
 * architecture's text form and the jnas version. Sources: {@code train} runs, {@code finetune} runs (the final
 * stage's network) and the subnets a {@code search nat} run exported with their weights.
 */
public final class OnnxExport {
    /** The input's name in every exported model. */
    public static final String INPUT = "image";

    private static final String RECOMPUTED = "no " + Preprocessing.FILE + " (a run of an older jnas): the normalisation and "
            + "class names are recomputed from the run's data";

    private OnnxExport() {
    }

    /** A trained network ready to export: the network (weights loaded), its preprocessing and its text form. */
    record Source(Network net, Preprocessing pre, String arch, String kind) {
    }

    /**
     * Exports the network of {@code runDir} (for a search nat run, its exported subnet {@code subnet}) to {@code out}.
     *
     * @return the export's figures: onnx, opset, params, macs, input, classes, bytes, seconds
     */
    public static Map<String, Object> export(Path runDir, int subnet, Path out, int opset, Consumer<String> log)
            throws IOException {
        if (opset < 13 || opset > 21) {
            throw new IllegalArgumentException("--opset must be 13..21 (ONNX Runtime 1.20 reads up to 21), got " + opset);
        }
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            Source s = source(runDir, subnet, m, log);
            Preprocessing p = s.pre();
            Cost cost = Cost.of(s.net(), m, p.channels(), p.height(), p.width());
            OnnxMl.ModelProto model;
            try (NoGrad ng = new NoGrad(); NDManager sm = m.newSubManager()) {
                NDArray example = sm.randomNormal(new ai.djl.ndarray.types.Shape(1, p.channels(), p.height(), p.width()));
                OnnxGraph g = new OnnxGraph(INPUT, example);
                String logits = s.net().onnx(g, INPUT);
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("jnas.input", INPUT);
                meta.put("jnas.layout", "NCHW");
                meta.put("jnas.input_size", p.channels() + "x" + p.height() + "x" + p.width());
                meta.put("jnas.preprocessing", "x = (pixel / 255 - mean) / std per channel, RGB planes");
                meta.put("jnas.mean", Json.write(p.mean()));
                meta.put("jnas.std", Json.write(p.std()));
                meta.put("jnas.classes", Json.write(p.classes()));
                meta.put("jnas.architecture", s.arch());
                meta.put("jnas.kind", s.kind());
                meta.put("jnas.version", Versions.jnas());
                model = g.model(logits, opset, meta, Versions.jnas());
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            OnnxMl.ModelProto proto = model;
            AtomicFiles.write(out, o -> {
                proto.writeTo(o);
                o.flush();
            });
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("onnx", out.toString());
            res.put("opset", opset);
            res.put("params", cost.params());
            res.put("macs", cost.macs());
            res.put("input", new long[] {1, p.channels(), p.height(), p.width()});
            res.put("classes", p.classes().size());
            res.put("bytes", Files.size(out));
            res.put("seconds", Results.round3((System.nanoTime() - t0) / 1e9));
            return res;
        }
    }

    /** A run's result with {@code onnx}: the path of RUN/model.onnx, written from the finished run (opset 17). */
    public static Map<String, Object> afterRun(Map<String, Object> result) throws IOException {
        Path dir = Path.of((String) result.get("run_dir"));
        Map<String, Object> res = new LinkedHashMap<>(result);
        res.put("onnx", export(dir, 0, dir.resolve("model.onnx"), 17, line -> { }).get("onnx"));
        return res;
    }

    /**
     * Throughput of the run's network in jnas (libtorch) and of its ONNX export in ONNX Runtime on the same random
     * inputs, batch 1 and 64, {@code threads} threads each, and the largest difference between their logits.
     */
    public static Map<String, Object> benchmark(Path runDir, int subnet, Path onnx, int threads) throws IOException {
        Map<String, Object> res = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager(); NoGrad ng = new NoGrad();
                OnnxModel model = OnnxModel.open(onnx, null, null, threads)) {
            Source s = source(runDir, subnet, m, line -> { });
            Preprocessing p = s.pre();
            double maxDiff = 0;
            for (int batch : new int[] {1, 64}) {
                float[] x = m.randomNormal(new ai.djl.ndarray.types.Shape(batch, p.channels(), p.height(), p.width()))
                        .toFloatArray();
                java.util.function.Supplier<float[]> jnas = () -> {
                    try (NDManager sm = m.newSubManager()) {
                        return s.net().forward(Ctx.eval(sm), sm.create(x, new ai.djl.ndarray.types.Shape(batch, p.channels(),
                                p.height(), p.width()))).toFloatArray();
                    }
                };
                float[][] theirs = model.logits(x, batch);
                float[] ours = jnas.get();
                for (int i = 0; i < ours.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i / theirs[0].length][i % theirs[0].length]));
                }
                res.put("jnas_images_per_second_b" + batch, Results.round3(batch / seconds(jnas::get)));
                res.put("onnx_images_per_second_b" + batch, Results.round3(batch / seconds(() -> model.logits(x, batch))));
            }
            res.put("max_abs_logit_difference", maxDiff);
            res.put("threads", threads);
            // the latency protocol of jnas latency (docs/latency.md) at batch 1 and these threads, in ONNX Runtime
            io.jnas.latency.LatencyMeter meter = new io.jnas.latency.LatencyMeter(io.jnas.latency.MeasureOptions.defaults()
                    .with("ort", 1, threads));
            res.put("latency_ms", meter.options().value(meter.measure(io.jnas.latency.LatencyMeter.of(s.net()),
                    new ai.djl.ndarray.types.Shape(p.channels(), p.height(), p.width()), m)));
            res.put("latency_device", meter.device().toMap());
        }
        return res;
    }

    /** Median seconds of {@code r} over timed runs (3 warm-up runs, then at least 5 runs and 2 seconds). */
    private static double seconds(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        java.util.List<Double> t = new java.util.ArrayList<>();
        long start = System.nanoTime();
        while (t.size() < 5 || System.nanoTime() - start < 2_000_000_000L) {
            long t0 = System.nanoTime();
            r.run();
            t.add((System.nanoTime() - t0) / 1e9);
        }
        java.util.Collections.sort(t);
        return t.get(t.size() / 2);
    }

    static Source source(Path runDir, int subnet, NDManager m, Consumer<String> log) throws IOException {
        RunConfig<?> config = Experiments.config(runDir);
        if (!Files.isRegularFile(runDir.resolve("result.json"))) {
            throw new IllegalArgumentException(runDir + " has not finished (no result.json): finish it with jnas resume "
                    + runDir + ", then export it");
        }
        if (config instanceof TrainRun t) {
            return train(runDir, t, m, log);
        }
        if (config instanceof FinetuneRun f) {
            return finetune(runDir, f, m, log);
        }
        if (config instanceof NatRun n) {
            return natSubnet(runDir, n, subnet, m, log);
        }
        throw new IllegalArgumentException(runDir + " is not a trained network but a run of '" + Experiments.forConfig(config)
                .name() + "'; export a train or finetune run, or a subnet that search nat exported (jnas export NAT_RUN --subnet K)");
    }

    private static Source train(Path dir, TrainRun c, NDManager m, Consumer<String> log) throws IOException {
        Preprocessing p = Preprocessing.readFrom(dir);
        if (p == null) {
            log.accept(RECOMPUTED);
            Dataset d = c.data().load();
            p = Preprocessing.of(d.train(), Normalization.of(d.train()));
        }
        Network net = c.model().build(new Init(m, 0), p.channels(), p.classes().size());
        load(dir.resolve("checkpoint/model.safetensors"), net, m);
        return new Source(net, p, c.model().describe(), "train " + c.model().kind());
    }

    private static Source finetune(Path dir, FinetuneRun c, NDManager m, Consumer<String> log) throws IOException {
        SupernetSpec spec = TrainedSupernet.specIn(Path.of(c.supernet()));
        OfaSubnet s = spec.ofaSpace().parse(c.subnet());
        Path fin = dir.resolve("final");
        Preprocessing p = Preprocessing.readFrom(fin);
        if (p == null) {
            log.accept(RECOMPUTED);
            TrainedSupernet.Data d = TrainedSupernet.specData(spec);
            ImageData all = ImageData.concat(d.train(), d.val());
            p = Preprocessing.of(all, Normalization.of(all));
        }
        OfaNetwork net = OfaNetwork.of(new Init(m, 0), spec.network(), s);
        load(fin.resolve("checkpoint/model.safetensors"), net, m);
        return new Source(net, p, s.toString(), "finetune " + spec.space());
    }

    private static Source natSubnet(Path dir, NatRun c, int k, NDManager m, Consumer<String> log) throws IOException {
        if (c.supernet() == null) {
            throw new IllegalArgumentException(dir + " searched without a super-network (an estimator scored it), so it has "
                    + "no trained network to export; train the found architecture with jnas train and export that run");
        }
        Path arch = dir.resolve("subnets/" + k + ".json");
        if (!Files.isRegularFile(arch)) {
            long n = countSubnets(dir);
            throw new IllegalArgumentException(dir + " exported no subnet " + k + " (subnets/" + k + ".json); "
                    + (n > 0 ? "give --subnet 0.." + (n - 1) + " or " : "") + "search with a larger --export");
        }
        Path sn = c.supernet().dir() != null ? Path.of(c.supernet().dir()) : dir.resolve("supernet");
        SupernetSpec spec = TrainedSupernet.specIn(sn);
        OfaSubnet s = spec.ofaSpace().parse(Files.readString(arch).strip());
        Preprocessing p = Preprocessing.readFrom(dir.resolve("subnets"));
        if (p == null) {
            log.accept(RECOMPUTED);
            TrainedSupernet.Data d = TrainedSupernet.specData(spec);
            p = Preprocessing.of(d.train(), d.norm());
        }
        OfaNetwork net = OfaNetwork.of(new Init(m, 0), spec.network(), s);
        load(dir.resolve("subnets/" + k + ".safetensors"), net, m);
        return new Source(net, p, s.toString(), "search nat subnet " + k);
    }

    private static long countSubnets(Path dir) throws IOException {
        if (!Files.isDirectory(dir.resolve("subnets"))) {
            return 0;
        }
        try (var f = Files.list(dir.resolve("subnets"))) {
            return f.filter(x -> x.getFileName().toString().endsWith(".safetensors")).count();
        }
    }

    private static void load(Path weights, Network net, NDManager m) throws IOException {
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException(weights + " is missing; the run directory is incomplete");
        }
        Map<String, NDArray> saved = TensorFile.read(weights, m);
        try (NoGrad ng = new NoGrad()) {
            TensorFile.copyInto(saved, net.namedArrays(), "network");
        }
    }
}
