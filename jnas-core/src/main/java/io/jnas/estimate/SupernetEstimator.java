package io.jnas.estimate;

import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.ofa.SubnetEvaluation;
import io.jnas.train.ofa.TrainedSupernet;
import java.nio.file.Path;
import java.util.List;

/**
 * NAT's score of a subnet: its top-1 accuracy (%) on the super-network's validation split with inherited weights,
 * batch norm recalibrated on training images. Declared as an estimator so that a search's evaluations can run as
 * tasks elsewhere, with the current weights shipped.
 */
public final class SupernetEstimator implements EstimatorProvider {
    /**
     * Refuses, in one line, a study that asks for this estimator without a super-network to take the weights from.
     *
     * @param estimators the study's estimator names
     * @param supernet the super-network's run directory, or null
     */
    public static void requireWeights(List<String> estimators, Path supernet) {
        if (estimators.contains("supernet") && supernet == null) {
            throw new IllegalArgumentException("the supernet estimator scores subnets with a trained super-network's weights: "
                    + "give --supernet DIR (a finished jnas supernet train run)");
        }
    }

    @Override
    public String name() {
        return "supernet";
    }

    @Override
    public String description() {
        return "accuracy of a subnet with the weights of a trained super-network (search nat --supernet)";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> Estimator<A> create(EstimatorContext<A> c) {
        TrainedSupernet sn = c.supernet();
        TrainedSupernet.Data d = c.supernetData();
        int batch = Math.max(sn.spec().train().batch(), 128);
        int recal = sn.spec().train().recalibImages();
        long seed = c.seed();
        return new Estimator<>() {
            @Override
            public String name() {
                return "supernet";
            }

            @Override
            public boolean parallelSafe() {
                return false; // one super-network's weights are shared by every evaluation
            }

            @Override
            public Score estimate(A arch) {
                long t0 = System.nanoTime();
                var ev = SubnetEvaluation.of(sn.net(), (OfaSubnet) arch, c.manager(), d.train(), d.val(), d.norm(), recal, batch,
                        seed);
                return Score.of(ev.top1(), (System.nanoTime() - t0) / 1e9);
            }
        };
    }
}
