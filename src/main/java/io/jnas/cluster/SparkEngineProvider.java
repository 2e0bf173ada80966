package io.jnas.cluster;

import io.jnas.estimate.EngineSpec;
import io.jnas.estimate.TaskEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Finds the Spark engine for {@code --engine spark...}. It touches no Spark class until Spark is known to be on the
 * class path, so that a jnas without Spark's jars says so in one line.
 */
public final class SparkEngineProvider implements TaskEngine.Provider {
    @Override
    public boolean accepts(EngineSpec spec) {
        return spec.spark();
    }

    @Override
    public TaskEngine open(EngineSpec spec, Path runDir, Consumer<String> log) throws IOException {
        try {
            Class.forName("org.apache.spark.SparkConf", false, SparkEngineProvider.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--engine " + spec.engine() + " needs Spark " + SparkEngine.SPARK_VERSION
                    + " on the class path: run ./jnas (it adds target/spark/jars) or submit jnas with spark-submit");
        }
        return SparkEngine.open(spec, runDir, log);
    }
}
