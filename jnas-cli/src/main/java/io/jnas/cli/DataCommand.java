package io.jnas.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas data}: resolve and check a data set. */
@Command(name = "data", description = "Find, read and describe a data set (checks every file).")
final class DataCommand implements Callable<Integer>, NoKernels {
    @Mixin
    DataMixin data;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of splits and subsets.")
    long seed;
    @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Map<String, Object> r = data.spec(seed, 0).load().summary();
        r.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
        RunOptions.print(json, r);
        return 0;
    }
}
