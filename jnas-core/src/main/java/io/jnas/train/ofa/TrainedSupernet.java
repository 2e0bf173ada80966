package io.jnas.train.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.Init;
import io.jnas.nn.NoGrad;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.TensorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained super-network as it leaves its run: {@code supernet.safetensors} (weights and BN statistics) and
 * {@code supernet.json} (its {@link SupernetSpec}), what {@code search nat --supernet} and {@code finetune} load.
 *
 * @param spec how it was trained (shape, data, splits)
 * @param net the super-network with the trained weights
 */
public record TrainedSupernet(SupernetSpec spec, OfaNetwork net) {
    /** The weights file inside a super-network run directory. */
    public static final String WEIGHTS = "supernet.safetensors";
    /** The description file inside a super-network run directory. */
    public static final String SPEC = "supernet.json";

    /** Writes both files into {@code dir} (each atomically; the spec last, so its presence means complete). */
    public static void save(Path dir, SupernetSpec spec, OfaNetwork net) throws IOException {
        TensorFile.write(dir.resolve(WEIGHTS), net.namedArrays());
        AtomicFiles.writeString(dir.resolve(SPEC), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
    }

    /** Whether {@code dir} holds a finished super-network. */
    public static boolean in(Path dir) {
        return Files.isRegularFile(dir.resolve(SPEC)) && Files.isRegularFile(dir.resolve(WEIGHTS));
    }

    /**
     * Refuses, in one line, a study of a super-network's subnets in another space than the ofa kit (the kit that reads
     * OFA and OFAv2 subnets alike), or a folder that holds no super-network.
     *
     * @param dir the super-network's run directory
     * @param space the study's space kit
     */
    public static void checkStudySpace(Path dir, String space) throws IOException {
        specIn(dir);
        if (!space.equals("ofa")) {
            throw new IllegalArgumentException("--supernet samples the subnets of an OFA or OFAv2 super-network: give --space ofa "
                    + "(its subnets, OFAv2's too), not " + space);
        }
    }

    /** The description of the super-network in {@code dir}, without loading its weights. */
    public static SupernetSpec specIn(Path dir) throws IOException {
        if (!in(dir)) {
            throw new IllegalArgumentException(dir + " holds no trained super-network (" + SPEC + " and " + WEIGHTS
                    + "); train one with: jnas supernet train --out " + dir + " (or finish it with: jnas resume " + dir + ")");
        }
        return Json.MAPPER.readValue(dir.resolve(SPEC).toFile(), SupernetSpec.class);
    }

    /** Loads the super-network in {@code dir} onto {@code m}. */
    public static TrainedSupernet load(Path dir, NDManager m) throws IOException {
        SupernetSpec spec = specIn(dir);
        OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), spec.network(), spec.train().resolutions().get(0));
        Map<String, NDArray> saved = TensorFile.read(dir.resolve(WEIGHTS), m);
        try (NoGrad ng = new NoGrad()) {
            TensorFile.copyInto(saved, net.namedArrays(), "super-network");
        }
        return new TrainedSupernet(spec, net);
    }

    /**
     * The data the super-network was trained with: its training and validation splits, the test split and the
     * normalisation of the training split.
     *
     * @param train images the super-network trained on
     * @param val held-out images subnets are scored on during a search
     * @param test the data set's test split
     * @param norm normalisation of the training split
     */
    public record Data(ImageData train, ImageData val, ImageData test, Normalization norm) {
    }

    /** Loads the data set and makes the super-network's splits. */
    public Data data() throws IOException {
        return specData(spec);
    }

    /** The splits of the data set that {@code spec} describes (without the super-network's weights). */
    public static Data specData(SupernetSpec spec) throws IOException {
        Dataset d = spec.data().load();
        ImageData[] tv = spec.splits(d);
        return new Data(tv[0], tv[1], d.test(), Normalization.of(tv[0]));
    }
}
