package io.jnas.experiment;

import ai.djl.ndarray.NDManager;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.nn.Init;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.report.Report;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Evaluation;
import io.jnas.train.ofa.Pretrained;
import io.jnas.train.ofa.SubnetEvaluation;
import io.jnas.train.ofa.SupernetSpec;
import io.jnas.train.ofa.SupernetTrainer;
import io.jnas.train.ofa.TrainedSupernet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code supernet-train}: an OFA / OFAv2 super-network by (extended) progressive shrinking with per-epoch
 * checkpoints; the run directory ends with the trained super-network ({@link TrainedSupernet}), the largest and
 * smallest subnets' validation accuracy, result.json and report.html.
 */
public final class SupernetExperiment implements Experiment<SupernetRun, SupernetResult> {
    @Override
    public String name() {
        return "supernet-train";
    }

    @Override
    public Class<SupernetRun> configType() {
        return SupernetRun.class;
    }

    @Override
    public Class<SupernetResult> resultType() {
        return SupernetResult.class;
    }

    @Override
    public long seed(SupernetRun c) {
        return c.supernet().train().seed();
    }

    @Override
    public Prepared<SupernetResult> prepare(SupernetRun c, Consumer<String> log) throws IOException {
        SupernetSpec s = c.supernet();
        Dataset d = s.data().load();
        ImageData[] tv = s.splits(d);
        log.accept(d.describe() + "; " + tv[0].size() + " train / " + tv[1].size() + " validation images");
        if (tv[1].size() == 0) { // an empty validation split would read as divergence (a NaN loss) after the first epoch
            throw new IllegalArgumentException("the validation split is empty (" + d.train().size() + " training images, --val-fraction "
                    + s.valFraction() + " per class): raise --val-fraction or --train-size");
        }
        if (c.from() != null) {
            c.from().verify();
            c.from().check(s.network()); // a file that is no OFA checkpoint, or another width, fails before the run starts
        }
        return run -> execute(s, c.from(), d, tv, run, log);
    }

    private SupernetResult execute(SupernetSpec s, Pretrained from, Dataset d, ImageData[] tv, RunDir run,
            Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            OfaNetwork net = OfaNetwork.supernet(new Init(m, Seeds.mix(s.train().seed(), 1)), s.network(),
                    s.train().resolutions().get(0));
            if (from != null) {
                from.loadInto(net, log); // a resumed run then restores its own checkpoint over these weights
            }
            SupernetTrainer trainer = new SupernetTrainer(net, m, s.train(), tv[0], tv[1], run, log);
            log.accept(String.format("%s super-network: %d phases (%s), %d epochs", s.space(), trainer.phases().size(),
                    trainer.phases().stream().map(p -> p.name()).collect(Collectors.joining(" → ")), trainer.totalEpochs()));
            List<Map<String, Object>> history = trainer.fit();
            TrainedSupernet.save(run.dir(), s, net);
            OfaSpace sp = s.ofaSpace();
            Map<String, SupernetResult.Subnet> ends = new LinkedHashMap<>();
            for (Map.Entry<String, OfaSubnet> e : List.of(Map.entry("largest", sp.largest()), Map.entry("smallest", sp.smallest()))) {
                Evaluation ev = SubnetEvaluation.of(net, e.getValue(), m, tv[0], tv[1], trainer.normalization(),
                        s.train().recalibImages(), Math.max(s.train().batch(), 128), s.train().seed());
                OfaCost cost = OfaCost.of(e.getValue(), s.network().inChannels(), s.network().classes());
                ends.put(e.getKey(), new SupernetResult.Subnet(e.getValue().toString(), ev.top1(), cost.params(), cost.macs()));
                log.accept(String.format("%s subnet: validation %.2f%%, %,d params, %,d MACs", e.getKey(), ev.top1(),
                        cost.params(), cost.macs()));
            }
            SupernetResult res = new SupernetResult(s.space(), d.name(), from != null ? from.path() : null, ends.get("largest"),
                    ends.get("smallest"), trainer.totalEpochs(), Results.round3((System.nanoTime() - t0) / 1e9),
                    run.file(TrainedSupernet.WEIGHTS).toString(), run.dir().toString());
            run.writeResult(res);
            report(run, s, from, res, history);
            return res;
        }
    }

    private static void report(RunDir run, SupernetSpec s, Pretrained from, SupernetResult res,
            List<Map<String, Object>> history) throws IOException {
        Report r = Report.of(run, from == null ? "jnas supernet train (" + s.space() + ")"
                : "jnas supernet import (" + s.space() + ", from " + from.path() + ")").result(res);
        if (!history.isEmpty()) {
            List<Integer> x = new ArrayList<>();
            List<Double> loss = new ArrayList<>();
            List<Double> acc = new ArrayList<>();
            for (Map<String, Object> h : history) {
                x.add(((Number) h.get("epoch")).intValue());
                loss.add(((Number) h.get("train_loss")).doubleValue());
                acc.add(((Number) h.get("largest_val_top1")).doubleValue());
            }
            r.section("Curves").curves("loss.png", "Training loss (mean over sampled subnets)", "epoch", "loss", x,
                    Map.of("train", loss)).curves("accuracy.png", "Largest subnet, validation top-1", "epoch", "%", x,
                    Map.of("largest", acc));
            r.section("Epochs").table(List.of("epoch", "phase", "phase_epoch", "train_loss", "largest_val_top1", "seconds"),
                    history);
        }
        r.write();
    }
}
