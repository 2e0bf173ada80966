package io.jnas.estimate;

import ai.djl.ndarray.NDManager;
import io.jnas.data.Dataset;
import io.jnas.data.Splits;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.run.Seeds;
import io.jnas.train.TrainConfig;
import io.jnas.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Validation by real training: the candidate's full network (the space's default shape) trained from scratch for
 * {@link EstimatorSpec#trainEpochs()} epochs with NAS-Bench-201's recipe on 90 % of the training split, and its top-1
 * accuracy (%) on the held-out 10 %. MOTE-NAS's top-k validation uses it with {@code --validation trained}; each
 * candidate is one task, so the k trainings run on the engine's workers at once.
 */
public final class TrainedEstimator implements EstimatorProvider {
    @Override
    public String name() {
        return "trained";
    }

    @Override
    public String description() {
        return "held-out accuracy after training the full network for --validate-epochs epochs (top-k validation)";
    }

    @Override
    public <A> Estimator<A> create(EstimatorContext<A> c) {
        int epochs = c.spec().trainEpochs();
        if (epochs < 1) {
            throw new IllegalArgumentException("the trained estimator trains each candidate: give --validate-epochs >= 1");
        }
        return training(c, epochs);
    }

    /**
     * An estimator that trains each architecture's full network for {@code epochs} epochs (NAS-Bench-201's recipe) on 90 %
     * of the context's training split and gives its accuracy (%) on the other 10 %: never the test split.
     */
    static <A> Estimator<A> training(EstimatorContext<A> c, int epochs) {
        Dataset d = c.data();
        long seed = c.seed();
        Splits.Pair p = Splits.stratified(d.train(), 0.1, Seeds.mix(seed, 11));
        TrainConfig cfg = TrainConfig.nb201Protocol(epochs, 128, 4, seed);
        return new Estimator<>() {
            @Override
            public String name() {
                return "trained";
            }

            @Override
            public Score estimate(A arch) {
                long t0 = System.nanoTime();
                try (NDManager m = NDManager.newBaseManager()) {
                    Network net = c.kit().network(new Init(m, Seeds.mix(seed, 1)), arch, d.train().channels(), d.numClasses(),
                            c.kit().defaultShape());
                    Trainer.Result r = new Trainer(net, m, cfg, p.first(), p.second(), null, s -> { }).fit();
                    return Score.of(r.finalTest().top1(), (System.nanoTime() - t0) / 1e9);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
