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
            if (p.length - skip >= 3 && (p[skip].equals("train") || p[skip].equals("test"))) {
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
        List<String> classes = new ArrayList<>(classSet);
        int[] hw = size > 0 ? new int[] {size, size} : Images.size(files.get(0).path(), files.get(0).bytes());
        Map<String, List<Integer>> bySplit = new TreeMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String s = split ? parts.get(i)[skip] : "all";
            bySplit.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
        }
        ImageData train;
        ImageData test;
        if (split) {
            if (!bySplit.containsKey("train") || !bySplit.containsKey("test")) {
                throw new DataFormatException(root, "has a train/ or test/ folder but not both");
            }
            train = decode(files, parts, bySplit.get("train"), skip + 1, classes, hw);
            test = decode(files, parts, bySplit.get("test"), skip + 1, classes, hw);
        } else {
            ImageData all = decode(files, parts, bySplit.get("all"), skip, classes, hw);
            Splits.Pair p = Splits.stratified(all, 0.2, seed);
            train = p.first();
            test = p.second();
        }
        return new Dataset(name, root.toString(), train, test);
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

    static ImageData decode(List<Archive.Entry> files, List<String[]> parts, List<Integer> idx, int classDepth,
            List<String> classes, int[] hw) {
        int per = 3 * hw[0] * hw[1];
        byte[] pixels = new byte[idx.size() * per];
        int[] labels = new int[idx.size()];
        java.util.stream.IntStream.range(0, idx.size()).parallel().forEach(k -> {
            Archive.Entry e = files.get(idx.get(k));
            byte[] rgb = Images.decodeRgb(e.path(), e.bytes(), hw[0], hw[1]);
            System.arraycopy(rgb, 0, pixels, k * per, per);
            labels[k] = classes.indexOf(parts.get(idx.get(k))[classDepth]);
        });
        return new ImageData(pixels, labels, 3, hw[0], hw[1], classes);
    }
}
