package io.jnas.cli;

import io.jnas.data.DataSpec;
import picocli.CommandLine.Option;

/** Data options shared by the commands that read images. */
public final class DataMixin {
    @Option(names = "--dataset", defaultValue = "fashion-mnist",
            description = "cifar10, cifar100, fashion-mnist, mnist, imagefolder:PATH, tiny-imagenet:PATH (default ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--data", description = "Folder to look in first for named data sets (then $JNAS_DATA, "
            + "~/.cache/jnas/datasets, /usr/share/datasets).")
    String dataPath;
    @Option(names = "--download", negatable = true, description = "Download the official archive (digest checked, into "
            + "~/.cache/jnas/datasets) when the data set is not found (default: off; on for demo).")
    Boolean download;
    @Option(names = "--size", defaultValue = "0", description = "Resize images to SIZE x SIZE (0 keeps them).")
    int size;
    @Option(names = "--train-size", defaultValue = "0", description = "Class-balanced training subset (0 = all).")
    int trainSize;
    @Option(names = "--test-size", defaultValue = "0", description = "Class-balanced test subset (0 = all).")
    int testSize;

    /** The data, with a training subset of {@code defaultTrain} images when --train-size was not given (0 = all). */
    DataSpec spec(long seed, int defaultTrain) {
        return spec(seed, defaultTrain, false);
    }

    /** As {@link #spec(long, int)}, downloading a missing data set unless --no-download when {@code downloadByDefault}. */
    DataSpec spec(long seed, int defaultTrain, boolean downloadByDefault) {
        boolean fetch = download == null ? downloadByDefault : download;
        return new DataSpec(dataset, dataPath, fetch, size, trainSize > 0 ? trainSize : defaultTrain, testSize, seed);
    }
}
