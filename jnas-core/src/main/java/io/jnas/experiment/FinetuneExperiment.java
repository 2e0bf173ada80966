package io.jnas.experiment;

import ai.djl.ndarray.NDManager;
import io.jnas.report.Report;
import io.jnas.run.RunDir;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.ofa.Finetune;
import io.jnas.train.ofa.SupernetSpec;
import io.jnas.train.ofa.TrainedSupernet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code finetune}: NAT's post-processing of a found subnet ({@link Finetune}) in two resumable stages. */
public final class FinetuneExperiment implements Experiment<FinetuneRun, FinetuneResult> {
    @Override
    public String name() {
        return "finetune";
    }

    @Override
    public Class<FinetuneRun> configType() {
        return FinetuneRun.class;
    }

    @Override
    public Class<FinetuneResult> resultType() {
        return FinetuneResult.class;
    }

    @Override
    public long seed(FinetuneRun c) {
        return c.train().seed();
    }

    @Override
    public Prepared<FinetuneResult> prepare(FinetuneRun c, Consumer<String> log) throws IOException {
        SupernetSpec spec = TrainedSupernet.specIn(Path.of(c.supernet()));
        OfaSubnet s = spec.ofaSpace().parse(c.subnet());
        spec.data().load();
        return run -> execute(c, s, run, log);
    }

    private FinetuneResult execute(FinetuneRun c, OfaSubnet s, RunDir run, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            TrainedSupernet sn = TrainedSupernet.load(Path.of(c.supernet()), m);
            OfaCost cost = OfaCost.of(s, sn.spec().network().inChannels(), sn.spec().network().classes());
            log.accept(String.format("fine-tuning %s: %,d params, %,d MACs", s, cost.params(), cost.macs()));
            Map<String, Object> stage = new LinkedHashMap<>(run.readConfig());
            stage.put("command", "finetune-stage");
            Finetune.Result r = new Finetune(sn, s, c.maxEpochs(), c.patience(), c.train(), log).run(run, m, stage);
            double lat;
            io.jnas.latency.Device device;
            try (io.jnas.latency.OfaLatency l = io.jnas.latency.OfaLatency.open(sn.spec().network(),
                    io.jnas.latency.MeasureOptions.defaults(), log)) {
                lat = l.value(l.measure(s)); // the subnet as deployed: its latency does not depend on the weights' values
                device = l.device();
            }
            log.accept(String.format("latency: %.4f ms per image on %s (ONNX Runtime, batch 1, 1 thread)", lat,
                    device.cpu()));
            FinetuneResult res = new FinetuneResult(s.toString(), r.bestEpochs(), r.valTop1(), r.test().testTop1(),
                    r.test().testTop5(), cost.params(), cost.macs(), Results.round3((System.nanoTime() - t0) / 1e9), c.supernet(),
                    run.dir().toString(), lat, device.toMap());
            run.writeResult(res);
            Report.of(RunDir.open(run.file("final")), "jnas finetune (final stage): " + s).result(res).trainingCurves().write();
            Report.of(run, "jnas finetune: " + s).result(res).text("Stages: select/report.html (epoch count chosen on "
                    + "validation), final/report.html (training + validation, tested)").write();
            return res;
        }
    }
}
