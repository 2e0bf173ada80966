package io.jnas.experiment;

import ai.djl.ndarray.NDManager;
import io.jnas.data.Dataset;
import io.jnas.nn.Cost;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.report.Report;
import io.jnas.run.Seeds;
import io.jnas.train.Trainer;
import java.util.function.Consumer;

/** {@code train}: trains a fixed network with per-epoch checkpoints, then result.json and report.html. */
public final class TrainExperiment implements Experiment<TrainRun, TrainResult> {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public Class<TrainRun> configType() {
        return TrainRun.class;
    }

    @Override
    public Class<TrainResult> resultType() {
        return TrainResult.class;
    }

    @Override
    public long seed(TrainRun c) {
        return c.train().seed();
    }

    @Override
    public Prepared<TrainResult> prepare(TrainRun c, Consumer<String> log) throws java.io.IOException {
        Dataset d = c.data().load();
        log.accept(d.describe());
        return run -> {
            long t0 = System.nanoTime();
            try (NDManager m = NDManager.newBaseManager()) {
                Network net = c.model().build(new Init(m, Seeds.mix(c.train().seed(), 1)), d.train().channels(), d.numClasses());
                Cost cost = Cost.of(net, m, d.train().channels(), d.train().height(), d.train().width());
                log.accept(String.format("model %s: %,d params, %,d MACs per %dx%d image", c.model().describe(), cost.params(),
                        cost.macs(), d.train().height(), d.train().width()));
                Trainer.Result r = new Trainer(net, m, c.train(), d.train(), d.test(), run, log).fit();
                TrainResult res = new TrainResult(c.model().describe(), d.name(), d.train().size(), d.test().size(),
                        c.train().epochs(), Results.round3(r.finalTest().top1()), Results.round3(r.finalTest().top5()),
                        Results.round3(r.finalTest().loss()), cost.params(), cost.macs(), Results.round3(r.imagesPerSecond()),
                        Results.round3(r.trainSeconds()), Results.round3((System.nanoTime() - t0) / 1e9), c.train().seed(),
                        run.dir().toString());
                run.writeResult(res);
                Report.of(run, "jnas training: " + c.model().kind() + " on " + d.name()).result(res).trainingCurves().write();
                return res;
            }
        };
    }
}
