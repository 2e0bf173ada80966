package io.jnas.latency;

import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.Progress;
import io.jnas.space.ofa.OfaSpace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Builds the latency model of a space on this device (measuring what the stored one lacks, with progress) and
 * validates one against fresh measurements. The seeds are fixed: the same device and space give the same model inputs.
 */
public final class LatencyModels {
    /** Seed of the subnets an OFA table is calibrated on and of the cells a cell model is fitted on. */
    public static final long BUILD_SEED = 0;
    /** Seed of the validation architectures (never those of the build). */
    public static final long VALIDATION_SEED = 1;
    /**
     * Whole OFA subnets measured for the calibration: 40, so that each of OFAv2's five exits has its own term from
     * about eight subnets (20 left some exits with two or three).
     */
    public static final int CALIBRATION = 40;
    /** Stored cells measured again when a cell model is opened, to follow the machine's speed. */
    public static final int RESCALE = 10;
    /** Cells measured for a cell model by default. */
    public static final int CELLS = 150;

    private LatencyModels() {
    }

    /** The OFA look-up table of {@code spec}'s subnets in {@code space}, every piece measured and calibrated. */
    public static OfaLatency ofa(OfaNetwork.Spec spec, OfaSpace space, MeasureOptions o, Path folder, Consumer<String> log)
            throws IOException {
        OfaLatency m = OfaLatency.open(spec, o, folder, log);
        int before = m.table().size();
        int missing = m.missing(space);
        if (missing > 0) {
            try (Progress p = Progress.start("latency pieces", (long) missing * Latency.PASSES)) {
                m.build(space, () -> p.step(1, null));
            }
        }
        try (Progress p = Progress.start("latency calibration", CALIBRATION * Latency.PASSES)) {
            m.calibrate(space, CALIBRATION, BUILD_SEED, (done, total) -> p.step(1, null));
        }
        log.accept(String.format("latency: %d entries (%d measured now) in %s", m.table().size(), m.table().size() - before,
                m.file()));
        return m;
    }

    /** The cell model of {@code kit}'s networks, {@code cells} cells measured and fitted. */
    public static <A> CellLatency<A> cells(SpaceKit<A> kit, int channels, int classes, int size, int cells, MeasureOptions o,
            Path folder, Consumer<String> log) throws IOException {
        CellLatency<A> m = CellLatency.open(kit, channels, classes, size, o, folder, log);
        int before = m.measured();
        try (Progress p = Progress.start("latency cells", cells)) {
            m.build(cells, BUILD_SEED, (done, total) -> p.step(1, null));
        }
        if (before >= cells) {
            double scale = m.rescale(RESCALE, BUILD_SEED);
            log.accept(String.format("latency: %d stored cells measured again run at %.2f× their stored time; predictions "
                    + "scaled by that", RESCALE, scale));
        }
        log.accept(String.format("latency: %d cells measured (%d now) in %s", m.measured(), m.measured() - before, m.file()));
        return m;
    }

    /**
     * Predicted against measured on {@code n} architectures drawn from {@link #VALIDATION_SEED}, none of {@code built}
     * (those the model was built from).
     *
     * @return the figures and each architecture's pair
     */
    public static <A> Report<A> validate(Latency<A> m, io.jnas.space.SearchSpace<A> space, int n, List<A> built) {
        SplittableRandom r = new SplittableRandom(VALIDATION_SEED);
        HashSet<A> not = new HashSet<>(built);
        List<A> archs = new ArrayList<>();
        for (int tries = 0; archs.size() < n && tries < n * 100; tries++) {
            A a = space.sample(r);
            if (not.add(a)) {
                archs.add(a);
            }
        }
        double[] predicted = new double[archs.size()];
        double[] measured;
        for (int i = 0; i < archs.size(); i++) {
            predicted[i] = m.predictMs(archs.get(i));
        }
        try (Progress p = Progress.start("latency validation", archs.size() * Latency.PASSES)) {
            measured = m.measureSpread(archs, Latency.PASSES, () -> p.step(1, null)); // measured as the model's entries are
        }
        return new Report<>(Validation.of(predicted, measured), archs, predicted, measured);
    }

    /**
     * A validation and its pairs.
     *
     * @param figures ρ and errors
     * @param archs the architectures
     * @param predicted predicted milliseconds
     * @param measured measured milliseconds
     * @param <A> the architecture record type
     */
    public record Report<A>(Validation figures, List<A> archs, double[] predicted, double[] measured) {
    }
}
