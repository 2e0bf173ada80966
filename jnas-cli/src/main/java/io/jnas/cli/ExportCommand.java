package io.jnas.cli;

import io.jnas.export.OnnxExport;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jnas export}: a trained network as an ONNX model. */
@Command(name = "export", description = "Write a trained network (train, finetune, or a search nat subnet) as an ONNX model.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run directory of train, finetune or search nat.")
    Path run;
    @Option(names = "--out", description = "The ONNX file (default RUN/model.onnx).")
    Path out;
    @Option(names = "--subnet", defaultValue = "0", description = "For a search nat run: which exported subnet (default ${DEFAULT-VALUE}).")
    int subnet;
    @Option(names = "--opset", defaultValue = "17", description = "ONNX opset, 13..21 (default ${DEFAULT-VALUE}).")
    int opset;
    @Option(names = "--benchmark", description = "Also time jnas and ONNX Runtime (2 threads, batch 1 and 64) on the model.")
    boolean benchmark;
    @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path file = out != null ? out : run.resolve("model.onnx");
        java.util.Map<String, Object> res = OnnxExport.export(run, subnet, file, opset, System.err::println);
        RunOptions.print(json, benchmark ? io.jnas.run.Json.merged(res, OnnxExport.benchmark(run, subnet, file, 2)) : res);
        return 0;
    }

    /** Formats of {@code --export} on train and finetune. */
    enum Format { onnx }

    /** With {@code --export onnx}, writes RUN/model.onnx after a run and adds its path to the result. */
    static Map<String, Object> after(Format format, Record result) throws java.io.IOException {
        Map<String, Object> r = io.jnas.run.Json.toMap(result);
        return format == null ? r : OnnxExport.afterRun(r);
    }
}
