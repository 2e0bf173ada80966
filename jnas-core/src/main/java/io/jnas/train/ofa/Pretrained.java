package io.jnas.train.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.data.Downloader;
import io.jnas.nn.NoGrad;
import io.jnas.nn.ofa.OfaImport;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The weights a super-network starts from when it is transferred (Neural Architecture Transfer): either a published
 * once-for-all MobileNetV3 checkpoint ({@code torch.save} file, read by {@link TorchCheckpoint}) or a super-network
 * jnas trained on another data set (its run directory). Everything but the classifiers is copied; the classifiers
 * start afresh for the target's classes unless the class count is the same, and a one-channel target stem takes the
 * sum of the RGB filters. Named by SHA-256, so that a run refuses a file that changed under it.
 *
 * @param path the checkpoint file or super-network run directory
 * @param sha256 SHA-256 of the file (of the directory's weights file)
 */
public record Pretrained(String path, String sha256) {
    /** The source at {@code path}, hashed now; one line when it is neither a file nor a super-network directory. */
    public static Pretrained of(Path path) throws IOException {
        return new Pretrained(path.toString(), Downloader.digest(weights(path), "SHA-256"));
    }

    private static Path weights(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            TrainedSupernet.specIn(path); // one line when the directory holds no super-network
            return path.resolve(TrainedSupernet.WEIGHTS);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--from " + path + " does not exist (an OFA .pth checkpoint or a jnas super-network "
                    + "run directory)");
        }
        return path;
    }

    /** The space a transferred super-network of this source has: ofa for an OFA checkpoint, the source's own otherwise. */
    public String space() throws IOException {
        return Files.isDirectory(Path.of(path)) ? TrainedSupernet.specIn(Path.of(path)).space() : "ofa";
    }

    /** Checks that the source is still the one the run was configured with. */
    public void verify() throws IOException {
        String now = Downloader.digest(weights(Path.of(path)), "SHA-256");
        if (!now.equals(sha256)) {
            throw new IllegalArgumentException(path + " changed since the run was configured (SHA-256 " + now + ", expected "
                    + sha256 + "); start a new run with it");
        }
    }

    /**
     * Checks that the source fits a super-network of shape {@code to} (width; for a jnas source also parallel blocks,
     * dense skips and exits), before any run starts; returns the OFA state dict for a checkpoint file, else null.
     */
    public Map<String, TorchCheckpoint.Tensor> check(OfaNetwork.Spec to) throws IOException {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            SupernetSpec s = TrainedSupernet.specIn(p);
            OfaNetwork.Spec from = s.network();
            if (from.width() != to.width() || from.parallel() != to.parallel() || from.exits() != to.exits()
                    || from.dense() != to.dense()) {
                throw new IllegalArgumentException(p + " is a " + s.space() + " super-network of width " + from.width()
                        + "; the transfer target must have the same shape (drop --width, --parallel, --dense, --exits)");
            }
            return null;
        }
        Map<String, TorchCheckpoint.Tensor> sd = TorchCheckpoint.read(p);
        double w = OfaImport.width(sd);
        if (w != to.width()) {
            throw new IllegalArgumentException("--width " + to.width() + " does not match " + p + " (width " + w + "); use --width " + w);
        }
        return sd;
    }

    /** Copies the source's weights into {@code net} (a freshly built super-network of the target's shape). */
    public void loadInto(OfaNetwork net, Consumer<String> log) throws IOException {
        OfaNetwork.Spec to = net.spec();
        Map<String, TorchCheckpoint.Tensor> sd = check(to);
        if (sd != null) {
            int classes = OfaImport.classes(sd);
            OfaImport.load(sd, net, classes == to.classes());
            log.accept(String.format("imported %s: OFA MobileNetV3 w%s, %d classes -> %s", Path.of(path).getFileName(),
                    to.width(), classes, classes == to.classes() ? "classifier kept" : "a new classifier for " + to.classes()
                    + " classes"));
            return;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            TrainedSupernet src = TrainedSupernet.load(Path.of(path), m);
            int classes = src.spec().network().classes();
            copy(src.net().namedArrays(), net.namedArrays(), classes == to.classes());
            log.accept(String.format("transferred %s (%s, %d classes) -> %s", path, src.spec().data().dataset(), classes,
                    classes == to.classes() ? "classifiers kept" : "new classifiers for " + to.classes() + " classes"));
        }
    }

    private static void copy(Map<String, NDArray> src, Map<String, NDArray> dst, boolean classifiers) {
        try (NoGrad ng = new NoGrad()) {
            for (Map.Entry<String, NDArray> e : dst.entrySet()) {
                if (!classifiers && e.getKey().contains(".classifier.")) {
                    continue;
                }
                NDArray s = src.get(e.getKey());
                if (e.getKey().equals("stem") && s.getShape().get(1) != e.getValue().getShape().get(1)) {
                    s = s.sum(new int[] {1}, true);
                }
                if (!s.getShape().equals(e.getValue().getShape())) {
                    throw new IllegalArgumentException("cannot transfer " + e.getKey() + ": shape " + s.getShape() + " where "
                            + e.getValue().getShape() + " is needed (an image with " + s.getShape() + " channels?)");
                }
                e.getValue().set(s.toFloatArray());
            }
        }
    }
}
