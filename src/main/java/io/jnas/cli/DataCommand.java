package io.jnas.cli;

import io.jnas.data.Dataset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas data}: resolve and check a data set. */
@Command(name = "data", description = "Find, read and describe a data set (checks every file).")
final class DataCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of splits and subsets.")
    long seed;
    @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Dataset d = data.spec(seed, 0).load();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dataset", d.name());
        r.put("source", d.source());
        r.put("train", d.train().size());
        r.put("test", d.test().size());
        r.put("shape", d.train().channels() + "x" + d.train().height() + "x" + d.train().width());
        r.put("classes", d.numClasses());
        r.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
        RunOptions out = new RunOptions();
        out.json = json;
        out.result(r);
        return 0;
    }
}
