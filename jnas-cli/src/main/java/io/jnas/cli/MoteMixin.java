package io.jnas.cli;

import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.MoteSettings;
import picocli.CommandLine.Option;

/**
 * Options of the MOTE estimate and its reduced dataset, and of the rank ensemble, shared by {@code estimate}, {@code search mote} and
 * {@code search nat}. Unset values take the preset ({@link MoteSettings#cpu}, {@link MoteSettings#paper}).
 */
public final class MoteMixin {
    @Option(names = "--rd-method", description = "labels, images or random (RD-RS); default images.")
    String rdMethod;
    @Option(names = "--rd-labels", defaultValue = "10", description = "Labels kept by --rd-method labels.")
    int rdLabels;
    @Option(names = "--rd-images", description = "Training images per label (images, random; cpu 50, paper 100).")
    Integer rdImages;
    @Option(names = "--rd-test-images", defaultValue = "20", description = "Test images per label (images, random).")
    int rdTestImages;
    @Option(names = "--encoder", defaultValue = "none",
            description = "ONNX image model for the RD (e.g. ../shared/models/mobilenetv2-12-int8.onnx), or none (raw pixels).")
    String encoder;
    @Option(names = "--encode-limit", defaultValue = "200", description = "Images encoded per label.")
    int encodeLimit;
    @Option(names = "--mote-epochs", description = "E (cpu 4, paper 50).")
    Integer moteEpochs;
    @Option(names = "--mote-g", description = "G (cpu 3, paper 10).")
    Integer moteG;
    @Option(names = "--mote-batch", description = "Batch (cpu 128, paper 1024).")
    Integer moteBatch;
    @Option(names = "--mote-width", description = "RA width (cpu 32, paper 32).")
    Integer moteWidth;
    @Option(names = "--ra-size", description = "RA input size (cpu 16, paper 32).")
    Integer raSize;
    @Option(names = "--speed", defaultValue = "macs", description = "time (wall seconds) or macs (deterministic).")
    String speed;
    @Option(names = "--landscape", defaultValue = "train", description = "train (as the reference) or eval.")
    String landscape;
    @Option(names = "--ensemble", split = ",", description = "Members of the ensemble estimator: estimators or terms (default "
            + "mote_landscape,jacov,synflow,az_expressivity,az_trainability).")
    java.util.List<String> ensemble;
    @Option(names = "--ensemble-rule", defaultValue = "mean", description = "mean (mean rank) or log (sum of log ranks, AZ-NAS).")
    String ensembleRule;

    EstimatorSpec.Ensemble ensemble() {
        return EstimatorSpec.Ensemble.given(ensemble, ensembleRule);
    }

    /** The preset's settings with every option given applied on top. */
    MoteSettings settings(boolean paper, long seed) {
        return MoteSettings.of(paper, seed, new MoteSettings.Overrides(moteEpochs, moteG, moteBatch, moteWidth, speed, landscape,
                rdMethod, rdLabels, rdImages, rdTestImages, encoder, encodeLimit, raSize));
    }
}
