package io.jnas.export;

import io.jnas.data.DataFormatException;
import io.jnas.data.DataSpec;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.data.Images;
import io.jnas.data.Preprocessing;
import io.jnas.experiment.Results;
import io.jnas.run.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code jnas predict}: an exported model in ONNX Runtime on a labelled test split (accuracy) or a folder (a CSV). */
public final class OnnxPredict {
    private static final int BATCH = 64;

    private OnnxPredict() {
    }

    /**
     * Opens {@code model} (normalisation from its metadata unless {@code mean}/{@code std} are given) and evaluates it on
     * {@code data}'s test split, or classifies the images under {@code images} into {@code csv}: exactly one of the two.
     */
    public static Map<String, Object> run(Path model, float[] mean, float[] std, int threads, DataSpec data, Path images, int top,
            Path csv, Consumer<String> log) throws IOException {
        if ((data == null) == (images == null) || top < 1 || (mean == null) != (std == null)) {
            throw new IllegalArgumentException("give one of --dataset D or --images FOLDER, --top >= 1, and --mean with --std");
        }
        try (OnnxModel m = OnnxModel.open(model, mean, std, threads)) {
            return data != null ? evaluate(m, data, log) : folder(m, images, top, csv);
        }
    }

    /** Top-1/top-5 accuracy (%) of {@code model} on the test split of {@code data}. */
    public static Map<String, Object> evaluate(OnnxModel model, DataSpec data, Consumer<String> log) throws IOException {
        Dataset d = data.load();
        log.accept(d.describe());
        Preprocessing p = model.preprocessing();
        ImageData test = d.test();
        if (model.namedClasses() ? !test.classes().equals(p.classes()) : test.classes().size() != p.classes().size()) {
            throw new IllegalArgumentException("the model's classes " + abbreviate(p.classes()) + " are not the data set's "
                    + abbreviate(test.classes()) + "; evaluate it on the data it was trained for");
        }
        if (test.channels() != p.channels()) {
            throw new IllegalArgumentException("the model takes " + p.channels() + "-channel images, the data set has "
                    + test.channels());
        }
        if (test.height() != p.height() || test.width() != p.width()) {
            test = Images.resize(test, p.height(), p.width());
        }
        long t0 = System.nanoTime();
        int top1 = 0;
        int top5 = 0;
        for (int from = 0; from < test.size(); from += BATCH) {
            int n = Math.min(BATCH, test.size() - from);
            float[][] logits = model.logits(normalised(test, from, n, p), n);
            for (int i = 0; i < n; i++) {
                int[] order = order(logits[i]);
                int label = test.label(from + i);
                top1 += order[0] == label ? 1 : 0;
                for (int k = 0; k < Math.min(5, order.length); k++) {
                    top5 += order[k] == label ? 1 : 0;
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("top1", Results.round3(100.0 * top1 / test.size()));
        res.put("top5", Results.round3(100.0 * top5 / test.size()));
        res.put("images", test.size());
        res.put("images_per_second", Results.round3(test.size() / secs));
        return res;
    }

    /** Writes one CSV row per image of {@code folder} (sorted by path): file, then top-K class and probability pairs. */
    public static Map<String, Object> folder(OnnxModel model, Path folder, int topK, Path csv) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder of images");
        }
        List<Path> files;
        try (var s = Files.walk(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> images = files.stream().filter(f -> Images.isImage(f.toString())).toList();
        if (images.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no .jpg/.jpeg/.png/.bmp images");
        }
        Preprocessing p = model.preprocessing();
        if (p.channels() != 1 && p.channels() != 3) {
            throw new IllegalArgumentException("the model takes " + p.channels() + "-channel images; image folders give grey "
                    + "(1) or RGB (3)");
        }
        int k = Math.min(topK, p.classes().size());
        StringBuilder out = new StringBuilder("file");
        for (int i = 1; i <= k; i++) {
            out.append(",class_").append(i).append(",probability_").append(i);
        }
        out.append('\n');
        long t0 = System.nanoTime();
        for (int from = 0; from < images.size(); from += BATCH) {
            int n = Math.min(BATCH, images.size() - from);
            ImageData batch = decode(images.subList(from, from + n), p);
            float[][] logits = model.logits(normalised(batch, 0, n, p), n);
            for (int i = 0; i < n; i++) {
                double[] prob = softmax(logits[i]);
                int[] order = order(logits[i]);
                out.append(csvField(folder.relativize(images.get(from + i)).toString()));
                for (int j = 0; j < k; j++) {
                    out.append(',').append(csvField(p.classes().get(order[j]))).append(',')
                            .append(String.format(java.util.Locale.ROOT, "%.6f", prob[order[j]]));
                }
                out.append('\n');
            }
        }
        AtomicFiles.writeString(csv, out.toString());
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("csv", csv.toString());
        res.put("images", images.size());
        res.put("not_images", files.size() - images.size());
        res.put("images_per_second", Results.round3(images.size() / ((System.nanoTime() - t0) / 1e9)));
        return res;
    }

    /** The image files, decoded and resized to the model's input, as grey (BT.601 luma) or RGB. */
    private static ImageData decode(List<Path> files, Preprocessing p) throws IOException {
        int plane = p.height() * p.width();
        byte[] raw = new byte[files.size() * p.channels() * plane];
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            byte[] rgb = Images.decodeRgb(f.toString(), Files.readAllBytes(f), p.height(), p.width());
            if (p.channels() == 1) {
                for (int j = 0; j < plane; j++) {
                    raw[i * plane + j] = (byte) Math.round(0.299 * (rgb[j] & 0xff) + 0.587 * (rgb[plane + j] & 0xff)
                            + 0.114 * (rgb[2 * plane + j] & 0xff));
                }
            } else {
                System.arraycopy(rgb, 0, raw, i * rgb.length, rgb.length);
            }
        }
        return new ImageData(raw, new int[files.size()], p.channels(), p.height(), p.width(), p.classes());
    }

    /** Images {@code from..from+n} of {@code d} as normalised floats (n, C, H, W). */
    static float[] normalised(ImageData d, int from, int n, Preprocessing p) {
        if (p.channels() != d.channels()) {
            throw new DataFormatException("the model takes " + p.channels() + "-channel images, got " + d.channels());
        }
        int per = d.imageBytes();
        int plane = d.height() * d.width();
        float[] out = new float[n * per];
        byte[] px = new byte[per];
        for (int i = 0; i < n; i++) {
            d.copyImage(from + i, px, 0);
            for (int j = 0; j < per; j++) {
                int c = j / plane;
                out[i * per + j] = ((px[j] & 0xff) / 255f - p.mean()[c]) / p.std()[c];
            }
        }
        return out;
    }

    private static int[] order(float[] logits) {
        Integer[] idx = new Integer[logits.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(logits[b], logits[a]));
        return java.util.Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static double[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double[] e = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String abbreviate(List<String> classes) {
        List<String> head = new ArrayList<>(classes.subList(0, Math.min(4, classes.size())));
        if (classes.size() > 4) {
            head.add("... (" + classes.size() + ")");
        }
        return head.toString();
    }
}
