package io.jnas.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a tree of class sub-folders holding JPEG/PNG images, from a directory or a tar(.gz)
 * archive, with optional {@code train/} and {@code test/} splits. Leading folders shared by
 * every file (e.g. {@code CIFAR-10-images/}) are skipped. Without split folders a seeded,
 * class-stratified 80/20 split is made. Images are decoded in parallel, converted to RGB and
 * resized to the first image's size (or the requested one).
 */
public final class ImageFolderReader {
    private ImageFolderReader() {
    }

    private static final java.util.Set<String> SPLIT_NAMES = java.util.Set.of("train", "test", "val", "validation");

    public static Dataset read(String name, Path root, int size, long seed) throws IOException {
        List<Archive.Entry> files = Archive.read(root, Images::isImage);
        if (files.isEmpty()) {
            throw new DataFormatException(root, "holds no .jpg/.jpeg/.png/.bmp images; expected CLASS/IMAGE or "
                    + "train/CLASS/IMAGE and test/CLASS/IMAGE");
        }
        List<String[]> parts = new ArrayList<>();
        for (Archive.Entry e : files) {
            parts.add(e.path().split("/"));
        }
        int skip = commonPrefix(parts);
        boolean split = false;
        for (String[] p : parts) {
            if (p.length - skip >= 3 && SPLIT_NAMES.contains(p[skip])) {
                split = true;
                break;
            }
        }
        TreeSet<String> classSet = new TreeSet<>();
        for (String[] p : parts) {
            int depth = p.length - skip;
            if (depth < 2 || (split && depth < 3)) {
                throw new DataFormatException(root, "image '" + String.join("/", p) + "' is not inside a class folder");
            }
            classSet.add(p[skip + (split ? 1 : 0)]);
        }
        checkClasses(root, classSet, split);
        List<String> classes = new ArrayList<>(classSet);
        int[] hw = size > 0 ? new int[] {size, size} : Images.size(files.get(0).path(), files.get(0).bytes());
        Map<String, List<Integer>> bySplit = new TreeMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String s = split ? parts.get(i)[skip] : "all";
            bySplit.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
        }
        List<String> notes = new ArrayList<>();
        ImageData train;
        ImageData test;
        if (split) {
            String testName = testSplit(root, bySplit.keySet());
            train = decode(files, parts, bySplit.get("train"), skip + 1, classes, hw, size > 0, notes);
            test = decode(files, parts, bySplit.get(testName), skip + 1, classes, hw, size > 0, notes);
            checkSplitClasses(root, train, test, testName, notes);
        } else {
            ImageData all = decode(files, parts, bySplit.get("all"), skip, classes, hw, size > 0, notes);
            Splits.Pair p = Splits.stratified(all, 0.2, seed);
            train = p.first();
            test = p.second();
        }
        return new Dataset(name, root + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"), train, test);
    }

    /** Class folders named like splits hold images directly: a layout mistake, not a 2-class problem. */
    private static void checkClasses(Path root, java.util.Set<String> classes, boolean split) {
        List<String> splitLike = classes.stream().filter(SPLIT_NAMES::contains).toList();
        if (!splitLike.isEmpty()) {
            throw new DataFormatException(root, "the images sit directly in " + String.join("/, ", splitLike)
                    + "/, which would be read as class" + (splitLike.size() > 1 ? "es" : "") + "; put class folders inside: "
                    + "train/CLASS/IMAGE and test/CLASS/IMAGE (or rename the class folder" + (splitLike.size() > 1 ? "s" : "")
                    + ")");
        }
        if (classes.size() < 2) {
            throw new DataFormatException(root, "has one class folder (" + String.join("", classes) + "); a classifier needs "
                    + "at least two: CLASS/IMAGE" + (split ? " inside train/ and test/" : ""));
        }
    }

    /** The evaluation split's folder: test/, or val/ or validation/ when there is no test/. */
    private static String testSplit(Path root, java.util.Set<String> splits) {
        if (!splits.contains("train")) {
            throw new DataFormatException(root, "has " + String.join("/, ", splits) + "/ but no train/ folder");
        }
        for (String t : List.of("test", "val", "validation")) {
            if (splits.contains(t)) {
                return t;
            }
        }
        throw new DataFormatException(root, "has a train/ folder but no test/ (or val/) folder");
    }

    private static void checkSplitClasses(Path root, ImageData train, ImageData test, String testName, List<String> notes) {
        int[] tr = train.classCounts();
        int[] te = test.classCounts();
        List<String> noTrain = new ArrayList<>();
        List<String> noTest = new ArrayList<>();
        for (int c = 0; c < tr.length; c++) {
            if (tr[c] == 0) {
                noTrain.add(train.classes().get(c));
            }
            if (te[c] == 0) {
                noTest.add(train.classes().get(c));
            }
        }
        if (!noTrain.isEmpty()) {
            throw new DataFormatException(root, "class" + (noTrain.size() > 1 ? "es " : " ") + String.join(", ", noTrain)
                    + " ha" + (noTrain.size() > 1 ? "ve" : "s") + " images in " + testName + "/ but none in train/; "
                    + "add training images or remove the folder");
        }
        if (!noTest.isEmpty()) {
            notes.add("no " + testName + " images for " + String.join(", ", noTest));
        }
    }

    private static int commonPrefix(List<String[]> parts) {
        int skip = 0;
        while (true) {
            String first = null;
            for (String[] p : parts) {
                if (p.length - skip < 3) {
                    return skip;
                }
                if (first == null) {
                    first = p[skip];
                } else if (!first.equals(p[skip])) {
                    return skip;
                }
            }
            if ("train".equals(first) || "test".equals(first)) {
                return skip;
            }
            skip++;
        }
    }

    /**
     * Decodes the images {@code idx} to h×w RGB; when the size was not asked for ({@code sized} false),
     * images of another size and non-RGB images are counted into {@code notes}.
     */
    static ImageData decode(List<Archive.Entry> files, List<String[]> parts, List<Integer> idx, int classDepth,
            List<String> classes, int[] hw, boolean sized, List<String> notes) {
        int per = 3 * hw[0] * hw[1];
        byte[] pixels = new byte[idx.size() * per];
        int[] labels = new int[idx.size()];
        int[][] found = new int[idx.size()][3];
        java.util.stream.IntStream.range(0, idx.size()).parallel().forEach(k -> {
            Archive.Entry e = files.get(idx.get(k));
            byte[] rgb = Images.decodeRgb(e.path(), e.bytes(), hw[0], hw[1], found[k]);
            System.arraycopy(rgb, 0, pixels, k * per, per);
            labels[k] = classes.indexOf(parts.get(idx.get(k))[classDepth]);
        });
        int resized = 0;
        int grey = 0;
        int alpha = 0;
        int firstResized = -1;
        for (int k = 0; k < found.length; k++) {
            if (found[k][0] != hw[0] || found[k][1] != hw[1]) {
                firstResized = resized++ == 0 ? k : firstResized;
            }
            grey += found[k][2] < 3 ? 1 : 0;
            alpha += found[k][2] > 3 ? 1 : 0;
        }
        if (resized > 0 && !sized) {
            int[] f = found[firstResized];
            notes.add(resized + " images were not " + hw[0] + "x" + hw[1] + " (e.g. " + files.get(idx.get(firstResized)).path()
                    + ", " + f[0] + "x" + f[1] + ") and were resized; --size S chooses the size");
        }
        if (grey > 0) {
            notes.add(grey + " grey images were converted to RGB");
        }
        if (alpha > 0) {
            notes.add(alpha + " images had an alpha channel, dropped");
        }
        return new ImageData(pixels, labels, 3, hw[0], hw[1], classes);
    }
}
