package io.jnas.cli;

import io.jnas.data.reduce.RdSpec;
import io.jnas.estimate.MoteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options of the MOTE estimate and its reduced dataset, shared by {@code estimate} and
 * {@code search mote}. Unset values take the preset: cpu (chosen by bench/mote_calibration.sh:
 * E = 4, G = 3, width 32, 16 px, 50 images per label; about 2 s per NAS-Bench-201 cell on 2
 * cores, the best Kendall τ of the settings measured) or paper (the reference values).
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

    RdSpec rd(long seed, boolean paper) {
        if (!encoder.equals("none") && !Files.isRegularFile(Path.of(encoder))) {
            throw new UserError("--encoder " + encoder + " does not exist; give an ONNX image model or 'none'");
        }
        return new RdSpec(rdMethod != null ? rdMethod : "images", rdLabels, rdImages != null ? rdImages : paper ? 100 : 50,
                rdTestImages, encoder, encodeLimit, seed);
    }

    MoteConfig mote(long seed, boolean paper) {
        return new MoteConfig(moteEpochs != null ? moteEpochs : paper ? 50 : 4, moteG != null ? moteG : paper ? 10 : 3,
                moteBatch != null ? moteBatch : paper ? 1024 : 128, 1e-3, 0.01, moteWidth != null ? moteWidth : 32,
                speed, landscape, seed);
    }

    int raSize(boolean paper) {
        return raSize != null ? raSize : paper ? 32 : 16;
    }

    static boolean paper(String preset) {
        return switch (preset) {
            case "paper" -> true;
            case "cpu" -> false;
            default -> throw new UserError("--preset must be cpu or paper, got '" + preset + "'");
        };
    }
}
