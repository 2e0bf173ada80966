package io.jnas.estimate;

import io.jnas.data.Dataset;
import io.jnas.nn.Cost;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.space.nb201.Nb201Space;
import java.util.List;

/** The estimators that come with jnas, each declared as a provider. */
public final class BuiltinEstimators {
    private BuiltinEstimators() {
    }

    /** MOTE: landscape + speed terms of a short training of the reduced architecture on the reduced dataset. */
    public static final class Mote implements EstimatorProvider {
        @Override
        public String name() {
            return "mote";
        }

        @Override
        public String description() {
            return "MOTE (landscape + speed of a short training of the reduced architecture on the reduced dataset)";
        }

        @Override
        public List<String> columns() {
            return List.of("mote", "mote_raw", "mote_landscape", "mote_speed");
        }

        /** MOTE's two terms are calibrated over the whole sample (MoteCalibration) before they are summed. */
        @Override
        public java.util.Optional<SampleFit> sampleFit(EstimatorSpec spec) {
            return java.util.Optional.of(sample -> MoteCalibration.fitted(sample, spec.mote().config().speed()));
        }

        @Override
        public <A> Estimator<A> create(EstimatorContext<A> c) {
            SpaceKit<A> kit = c.kit();
            if (!kit.hasReducedArchitecture()) {
                throw new IllegalArgumentException("space '" + kit.name() + "' has no MOTE reduced architecture; score it with "
                        + "another estimator");
            }
            Dataset rd = c.reduced();
            int in = rd.train().channels();
            int classes = rd.numClasses();
            int width = c.spec().mote().config().width();
            return new MoteEstimator<>(c.spec().mote().config(), rd.train(), rd.test(),
                    (init, a) -> kit.reduced(init, a, in, classes, width), kit.space()::format);
        }
    }

    /** A term of the shared MOTE training used as a score (tse, short_acc). */
    private abstract static class MoteTerm implements EstimatorProvider {
        @Override
        public <A> Estimator<A> create(EstimatorContext<A> c) {
            Estimator<A> mote = c.shared("mote");
            String term = name();
            return new Estimator<>() {
                @Override
                public String name() {
                    return term;
                }

                @Override
                public Score estimate(A arch) {
                    Score s = mote.estimate(arch);
                    return Score.of(s.terms().get(term), s.seconds());
                }
            };
        }
    }

    /** Training-speed estimate: minus the sum of MOTE's training losses. */
    public static final class Tse extends MoteTerm {
        @Override
        public String name() {
            return "tse";
        }

        @Override
        public String description() {
            return "training speed estimate (minus the summed losses of MOTE's short training)";
        }
    }

    /** Accuracy after MOTE's short training on the reduced dataset's held-out images. */
    public static final class ShortAcc extends MoteTerm {
        @Override
        public String name() {
            return "short_acc";
        }

        @Override
        public String description() {
            return "held-out accuracy after MOTE's short training";
        }
    }

    /** A zero-cost proxy on the space's full network at initialisation. */
    private abstract static class ZeroCost implements EstimatorProvider {
        @Override
        public <A> Estimator<A> create(EstimatorContext<A> c) {
            Dataset d = c.data();
            SpaceKit<A> kit = c.kit();
            int in = d.train().channels();
            int classes = d.numClasses();
            return new ZeroCostEstimator<>(name(), (init, a) -> kit.network(init, a, in, classes, kit.defaultShape()),
                    kit.space()::format, d.train(), 64, c.seed());
        }
    }

    /** synflow (arXiv:2006.05467). */
    public static final class Synflow extends ZeroCost {
        @Override
        public String name() {
            return "synflow";
        }

        @Override
        public String description() {
            return "synaptic flow of the network at initialisation, data-free";
        }
    }

    /** NASWOT (arXiv:2006.04647). */
    public static final class Naswot extends ZeroCost {
        @Override
        public String name() {
            return "naswot";
        }

        @Override
        public String description() {
            return "log|det| of the ReLU-code Hamming kernel over one batch";
        }
    }

    /** jacov: the eigenvalues of the input Jacobians' correlation (NASWOT v1, arXiv:2006.04647v1). */
    public static final class Jacov extends ZeroCost {
        @Override
        public String name() {
            return "jacov";
        }

        @Override
        public String description() {
            return "spread of the input Jacobians' correlation spectrum over one batch at initialisation";
        }
    }

    /** ZiCo (arXiv:2301.11300). */
    public static final class Zico extends ZeroCost {
        @Override
        public String name() {
            return "zico";
        }

        @Override
        public String description() {
            return "inverse coefficient of variation of the weight gradients over two labelled batches at initialisation";
        }
    }

    /** Gradient norm at initialisation. */
    public static final class GradNorm extends ZeroCost {
        @Override
        public String name() {
            return "grad_norm";
        }

        @Override
        public String description() {
            return "summed gradient norms of one labelled batch at initialisation";
        }
    }

    /** SNIP saliency at initialisation. */
    public static final class Snip extends ZeroCost {
        @Override
        public String name() {
            return "snip";
        }

        @Override
        public String description() {
            return "summed |w·dL/dw| of one labelled batch at initialisation";
        }
    }

    /** The size of the network as a score. */
    private abstract static class Size implements EstimatorProvider {
        abstract long of(Cost c);

        @Override
        public <A> Estimator<A> create(EstimatorContext<A> c) {
            SpaceKit<A> kit = c.kit();
            int in = c.hasData() ? c.data().train().channels() : 3;
            int classes = c.hasData() ? c.data().numClasses() : 10;
            int size = c.hasData() ? c.data().train().height() : 32;
            String n = name();
            return new Estimator<>() {
                @Override
                public String name() {
                    return n;
                }

                @Override
                public Score estimate(A arch) {
                    long t0 = System.nanoTime();
                    return Score.of(of(kit.cost(arch, in, classes, size)), (System.nanoTime() - t0) / 1e9);
                }
            };
        }
    }

    /** Parameters. */
    public static final class Params extends Size {
        @Override
        public String name() {
            return "params";
        }

        @Override
        public String description() {
            return "trainable parameters of the network";
        }

        @Override
        long of(Cost c) {
            return c.params();
        }
    }

    /** FLOPs as NAS-Bench-201 publishes them (convolutions and linear layers with bias adds, no pooling). */
    public static final class Flops extends Size {
        @Override
        public String name() {
            return "flops";
        }

        @Override
        public String description() {
            return "FLOPs of the network for one image, counted as NAS-Bench-201 publishes them (no pooling)";
        }

        @Override
        long of(Cost c) {
            return c.flops();
        }
    }

    /** Multiply-accumulates in jnas's convention (pooling included). */
    public static final class Macs extends Size {
        @Override
        public String name() {
            return "macs";
        }

        @Override
        public String description() {
            return "multiply-accumulates of the network for one image (jnas's convention: pooling counted)";
        }

        @Override
        long of(Cost c) {
            return c.macs();
        }
    }

    /** A NAS-Bench-201 table column as the score (benchmarking a strategy without training). */
    public static final class Table implements EstimatorProvider {
        @Override
        public String name() {
            return "table";
        }

        @Override
        public String description() {
            return "a NAS-Bench-201 table column (--table; default the 200-epoch CIFAR-10 test accuracy)";
        }

        @Override
        public boolean readsImages() {
            return false;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> Estimator<A> create(EstimatorContext<A> c) {
            if (!(c.kit().space() instanceof Nb201Space)) {
                throw new IllegalArgumentException("the table estimator scores NAS-Bench-201 cells, not '" + c.kit().name()
                        + "' architectures");
            }
            String column = c.spec().tableColumn() != null ? c.spec().tableColumn() : Nb201Table.testColumn("cifar10", 200);
            return (Estimator<A>) new TableEstimator(c.table(), column);
        }
    }
}
