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
public final class DataCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    Output out;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of splits and subsets.")
    long seed;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Dataset d = data.spec(seed).load();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dataset", d.name());
        r.put("source", d.source());
        r.put("train", d.train().size());
        r.put("test", d.test().size());
        r.put("shape", d.train().channels() + "x" + d.train().height() + "x" + d.train().width());
        r.put("classes", d.numClasses());
        r.put("seconds", TrainJob.round((System.nanoTime() - t0) / 1e9));
        out.result(r);
        return 0;
    }
}
