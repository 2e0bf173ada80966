package io.jnas.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.estimate.Estimator;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.SupernetEstimator;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.AtomicFiles;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import io.jnas.run.TensorFile;
import io.jnas.search.nat.Member;
import io.jnas.space.CostModel;
import io.jnas.space.EncodedSpace;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Checkpoints;
import io.jnas.train.Evaluation;
import io.jnas.train.ofa.SubnetEvaluation;
import io.jnas.train.ofa.SupernetTrainer;
import io.jnas.train.ofa.TrainedSupernet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * NAT scoring on a trained OFA / OFAv2 super-network: a subnet's score is its validation accuracy with inherited,
 * BN-recalibrated weights; after each iteration the super-network is adapted on subnets drawn like the archive's
 * best, distilled from the super-network as it was before any adaptation; the front is re-tested on the test split
 * and its first members exported with their weights.
 */
final class SupernetScoring implements NatScoring<OfaSubnet> {
    private final NDManager manager = NDManager.newBaseManager();
    private final TrainedSupernet supernet;
    private final TrainedSupernet.Data data;
    private final OfaSpace space;
    private final NatRun.Supernet settings;
    private final int adaptEpochs;
    private final long seed;
    private final Path dir;
    private final SupernetTrainer adapter;
    private final int batch;
    private final int recal;
    private final EstimatorContext<OfaSubnet> ctx;
    private final Estimator<OfaSubnet> estimator;

    SupernetScoring(Path dir, NatRun.Supernet settings, int adaptEpochs, long seed, Consumer<String> log) throws IOException {
        this.dir = dir;
        this.supernet = TrainedSupernet.load(dir, manager);
        this.data = supernet.data();
        this.space = supernet.spec().ofaSpace();
        this.settings = settings;
        this.adaptEpochs = adaptEpochs;
        this.seed = seed;
        this.batch = Math.max(supernet.spec().train().batch(), 128);
        this.recal = supernet.spec().train().recalibImages();
        // the ofa kit reads and writes every OFA and OFAv2 subnet; the super-network's own space is in its spec
        EstimatorSpec spec = new EstimatorSpec("ofa", List.of("supernet"), null, null, null, null, seed, null,
                dir.toAbsolutePath().toString(), 0);
        this.ctx = EstimatorContext.<OfaSubnet>open(spec, log).withSupernet(supernet, data, manager);
        this.estimator = new SupernetEstimator().create(ctx);
        this.adapter = new SupernetTrainer(supernet.net(), manager, supernet.spec().train(), data.train(), data.val(), null, log);
        if (adaptEpochs > 0) {
            adapter.freezeTeacher(); // before any adapted weights are restored, so a resumed search distils from the same teacher
        }
        log.accept(String.format("%s super-network %s: %d train / %d validation / %d test images", supernet.spec().space(), dir,
                data.train().size(), data.val().size(), data.test().size()));
    }

    /** The look-up table of the super-network's subnets (every piece of its space measured, then calibrated). */
    @Override
    public io.jnas.latency.Latency<OfaSubnet> latency(io.jnas.latency.MeasureOptions options, int cells, Consumer<String> log)
            throws IOException {
        return io.jnas.latency.LatencyModels.ofa(supernet.spec().network(), space, options, null, log);
    }

    @Override
    public EncodedSpace<OfaSubnet> space() {
        return space;
    }

    @Override
    public CostModel<OfaSubnet> cost() {
        return OfaCost.model(supernet.spec().network().inChannels(), supernet.spec().network().classes());
    }

    @Override
    public Estimator<OfaSubnet> estimator() {
        return estimator;
    }

    @Override
    public EstimatorContext<OfaSubnet> context() {
        return ctx;
    }

    @Override
    public String describe() {
        return "super-network " + dir;
    }

    @Override
    public void adapt(Function<SplittableRandom, OfaSubnet> sampler, int iteration) {
        adapter.adapt(sampler, adaptEpochs, settings.adaptLr(), settings.adaptWd(), settings.adaptSubnets(),
                Seeds.mix(seed, 9, iteration));
        ctx.touch();
    }

    @Override
    public Map<String, Map<String, NDArray>> tensors() {
        return Map.of("model", supernet.net().namedArrays());
    }

    @Override
    public void restore(Checkpoints.Restored<?> checkpoint) {
        checkpoint.copy("model", supernet.net().namedArrays());
        ctx.touch();
    }

    @Override
    public List<NatResult.FrontMember> finish(List<Member<OfaSubnet>> front, RunDir run, int export) throws IOException {
        Path subnets = run.file("subnets");
        Files.createDirectories(subnets);
        io.jnas.data.Preprocessing.of(data.train(), data.norm()).writeTo(subnets);
        List<NatResult.FrontMember> rows = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            Member<OfaSubnet> f = front.get(i);
            try (NDManager sm = manager.newSubManager()) {
                OfaNetwork sub = SubnetEvaluation.extract(supernet.net(), f.arch(), sm, data.train(), data.norm(), recal, batch,
                        seed);
                Evaluation ev = Evaluation.of(sub, sm, data.test(), data.norm(), batch);
                rows.add(new NatResult.FrontMember(f.arch().toString(), Results.round4(100.0 - ev.top1()),
                        Results.round4(f.error()), f.params(), f.macs(), null));
                if (i < export) {
                    TensorFile.write(subnets.resolve(i + ".safetensors"), sub.namedArrays()); // atomic
                    AtomicFiles.writeString(subnets.resolve(i + ".json"), f.arch().toString() + "\n");
                }
            }
        }
        return rows;
    }

    @Override
    public void close() {
        manager.close();
    }
}
