package io.jnas.train.ofa;

import ai.djl.ndarray.NDManager;
import io.jnas.data.ImageData;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.RunDir;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.TrainConfig;
import io.jnas.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * NAT's post-processing of a chosen subnet: the subnet is extracted with its inherited weights (BN recalibrated) and
 * (1) fine-tuned on the super-network's training split while its validation split picks the best epoch count
 * (stopping after {@code patience} epochs without improvement), then (2) extracted afresh and retrained on training
 * + validation for that many epochs and tested. Each stage is a resumable training run in its own folder
 * ({@code select/}, {@code final/}).
 */
public final class Finetune {
    private final TrainedSupernet supernet;
    private final OfaSubnet subnet;
    private final int maxEpochs;
    private final int patience;
    private final TrainConfig train;
    private final Consumer<String> log;

    /**
     * @param maxEpochs most epochs tried in (1)
     * @param patience epochs without validation improvement before (1) stops
     * @param train optimisation settings (its epoch count is replaced per stage)
     */
    public Finetune(TrainedSupernet supernet, OfaSubnet subnet, int maxEpochs, int patience, TrainConfig train,
            Consumer<String> log) {
        if (maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("--epochs and --patience must be >= 1, got " + maxEpochs + " and " + patience);
        }
        this.supernet = supernet;
        this.subnet = supernet.spec().ofaSpace().validate(subnet);
        this.maxEpochs = maxEpochs;
        this.patience = patience;
        this.train = train;
        this.log = log;
    }

    /**
     * The outcome.
     *
     * @param bestEpochs the epoch count chosen on validation
     * @param valTop1 validation top-1 at that count
     * @param test the final stage's last epoch (test split)
     */
    public record Result(int bestEpochs, double valTop1, Trainer.EpochMetrics test) {
    }

    /** Runs (or continues) both stages in {@code parent}'s folder; {@code m} holds the extracted networks. */
    public Result run(RunDir parent, NDManager m, Map<String, Object> stageConfig) throws IOException {
        TrainedSupernet.Data d = supernet.data();
        List<Trainer.EpochMetrics> sel = stage(parent, "select", d.train(), d.val(), maxEpochs, true, m, d, stageConfig);
        int best = 1;
        for (Trainer.EpochMetrics e : sel) {
            if (e.testTop1() > sel.get(best - 1).testTop1()) {
                best = e.epoch();
            }
        }
        log.accept("best epoch count on validation: " + best + " (" + sel.get(best - 1).testTop1() + "%)");
        ImageData all = ImageData.concat(d.train(), d.val());
        List<Trainer.EpochMetrics> fin = stage(parent, "final", all, d.test(), best, false, m, d, stageConfig);
        return new Result(best, sel.get(best - 1).testTop1(), fin.get(fin.size() - 1));
    }

    private List<Trainer.EpochMetrics> stage(RunDir parent, String name, ImageData trainSet, ImageData evalSet, int epochs,
            boolean early, NDManager m, TrainedSupernet.Data d, Map<String, Object> stageConfig) throws IOException {
        Path dir = parent.file(name);
        TrainConfig cfg = new TrainConfig(epochs, train.batch(), train.optimizer(), train.lr(), train.minLr(), train.schedule(),
                0, train.momentum(), train.nesterov(), train.weightDecay(), train.labelSmoothing(), train.gradClip(), 0, 0,
                train.cropPadding(), train.flip(), 0, train.seed());
        RunDir run;
        if (Files.isRegularFile(dir.resolve("config.yaml"))) {
            run = RunDir.open(dir);
        } else {
            run = RunDir.create(dir);
            Map<String, Object> c = new java.util.LinkedHashMap<>(stageConfig);
            c.put("stage", name);
            run.writeConfig(c);
        }
        int batch = Math.max(supernet.spec().train().batch(), 128);
        OfaNetwork net = SubnetEvaluation.extract(supernet.net(), subnet, m, trainSet, d.norm(),
                supernet.spec().train().recalibImages(), batch, train.seed());
        log.accept("stage " + name + ": up to " + epochs + " epochs" + (early ? ", patience " + patience : ""));
        Trainer t = new Trainer(net, m, cfg, trainSet, evalSet, run, log);
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
