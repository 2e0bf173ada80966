package io.jnas.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Which data to train on, as stored in a run's config.yaml.
 *
 * @param dataset name or path (see {@link DatasetResolver})
 * @param dataPath explicit folder ({@code --data}) or null
 * @param download fetch official archives when missing
 * @param size resize to size×size (0 = native)
 * @param trainSize class-balanced training subset (0 = all)
 * @param testSize class-balanced test subset (0 = all)
 * @param seed seed of splits and subsets
 */
public record DataSpec(String dataset, String dataPath, boolean download, int size, int trainSize, int testSize,
        long seed) {
    public DataSpec {
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("--train-size and --test-size must be >= 0");
        }
    }

    /** Loads the data set and applies the subsets. */
    public Dataset load() throws IOException {
        DataOptions o = new DataOptions(dataPath == null ? null : Path.of(dataPath), download, size, seed, 10);
        Dataset d = new DatasetResolver().load(dataset, o);
        ImageData train = trainSize > 0 ? Splits.balancedSubset(d.train(), trainSize, seed) : d.train();
        ImageData test = testSize > 0 ? Splits.balancedSubset(d.test(), testSize, seed + 1) : d.test();
        return new Dataset(d.name(), d.source(), train, test);
    }
}
