package io.jnas.cli;

import io.jnas.data.DataSpec;
import io.jnas.export.OnnxPredict;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jnas predict}: an exported ONNX model in ONNX Runtime. */
@Command(name = "predict", description = "Run an ONNX model in ONNX Runtime: top-1/5 on a test split, or a CSV row per image.")
final class PredictCommand implements Callable<Integer>, NoKernels {
    @Option(names = "--model", required = true, description = "The ONNX file (jnas export).")
    Path model;
    @Option(names = "--dataset", description = "A labelled data set (its test split), as for train: cifar10, imagefolder:PATH...")
    String dataset;
    @Option(names = "--data", description = "Folder to look in first for named data sets.")
    String dataPath;
    @Option(names = "--images", description = "A folder of images to classify (every image below it).")
    Path images;
    @Option(names = "--top", defaultValue = "5", description = "Classes per image in the CSV (default ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--csv", defaultValue = "predictions.csv", description = "The CSV for --images (default ${DEFAULT-VALUE}).")
    Path csv;
    @Option(names = "--mean", split = ",", description = "Per-channel mean (pixels in [0, 1]) for a model without jnas metadata.")
    float[] mean;
    @Option(names = "--std", split = ",", description = "Per-channel standard deviation, with --mean.")
    float[] std;
    @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime threads (default ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DataSpec data = dataset == null ? null : new DataSpec(dataset, dataPath, false, 0, 0, 0, 0);
        RunOptions.print(json, OnnxPredict.run(model, mean, std, threads, data, images, top, csv,
                (json ? System.err : System.out)::println));
        return 0;
    }

}
