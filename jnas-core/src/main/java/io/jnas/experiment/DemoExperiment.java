package io.jnas.experiment;

import io.jnas.nn.kit.ModelSpec;
import io.jnas.report.Report;
import io.jnas.run.RunDir;
import io.jnas.run.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * {@code demo}: a search run in {@code search/}, then a training run of the found cell in {@code train/}, then
 * report.html tying them together. Each part resumes on its own; a resumed demo skips a finished part.
 */
public final class DemoExperiment implements Experiment<DemoRun, DemoResult> {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public Class<DemoRun> configType() {
        return DemoRun.class;
    }

    @Override
    public Class<DemoResult> resultType() {
        return DemoResult.class;
    }

    @Override
    public long seed(DemoRun c) {
        return c.search().search().seed();
    }

    @Override
    public Prepared<DemoResult> prepare(DemoRun c, Consumer<String> log) throws IOException {
        c.search().data().load(); // fails here, before a run directory exists, when the data cannot be read
        return run -> execute(c, run, log);
    }

    private DemoResult execute(DemoRun c, RunDir run, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        RunStatus.stage(run, "part (search)", 0, 2);
        DiffSearchResult s = Experiments.part(c.search(), run.file("search"), log);
        log.accept("found cell " + s.arch() + " (" + s.skips() + " skip connections); training it");
        ModelSpec m = c.train().model();
        TrainRun train = new TrainRun(new ModelSpec(m.kind(), s.arch(), m.channels(), m.depth(), m.auxiliary()), c.train().data(),
                c.train().train());
        RunStatus.stage(run, "part (training)", 1, 2);
        TrainResult r = Experiments.part(train, run.file("train"), log);
        DemoResult res = new DemoResult(s.arch(), s.skips(), s.marginMin(), s.seconds(), s.tableAccuracy(), r.testTop1(),
                r.params(), r.macs(), r.trainSeconds(), Results.round3((System.nanoTime() - t0) / 1e9), run.dir().toString());
        run.writeResult(res);
        Report rep = Report.of(run, "jnas demo: label-free search, then training").result(res)
                .text("The search (MAE-NAS, NAS-Bench-201 space) never read a label: its supernet learned by reconstructing "
                        + "masked images. The found cell was then trained from scratch with labels.")
                .section("Search").text("Details: search/report.html").image("search/reconstruction.png")
                .image("search/alpha.png");
        if (Files.exists(run.file("search/cell.svg"))) {
            rep.image("search/cell.svg");
        }
        rep.section("Training of the found cell").text("Details: train/report.html").image("train/accuracy.png").write();
        log.accept("report: " + run.file("report.html"));
        return res;
    }
}
