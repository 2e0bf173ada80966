package io.jnas.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the official CIFAR binary format: records of label byte(s) then 3072 bytes (1024 red,
 * 1024 green, 1024 blue, row-major 32×32). CIFAR-10 has one label byte; CIFAR-100 two
 * (coarse, fine), of which the fine label is used.
 */
public final class CifarReader {
    private static final int IMAGE = 3 * 32 * 32;

    private CifarReader() {
    }

    /** Parses concatenated batch files. */
    public static ImageData parse(List<Archive.Entry> files, int labelBytes, List<String> classes) {
        int record = labelBytes + IMAGE;
        int n = 0;
        for (Archive.Entry f : files) {
            if (f.bytes().length == 0 || f.bytes().length % record != 0) {
                throw new DataFormatException(f.path() + ": size " + f.bytes().length
                        + " is not a multiple of the " + record + "-byte CIFAR record; the file is truncated or not a CIFAR batch");
            }
            n += f.bytes().length / record;
        }
        byte[] pixels = new byte[n * IMAGE];
        int[] labels = new int[n];
        int k = 0;
        for (Archive.Entry f : files) {
            byte[] b = f.bytes();
            for (int off = 0; off < b.length; off += record) {
                int label = b[off + labelBytes - 1] & 0xff;
                if (label >= classes.size()) {
                    throw new DataFormatException(f.path() + ": label " + label + " in record " + (off / record)
                            + " exceeds the " + classes.size() + " classes; the file is corrupt");
                }
                labels[k] = label;
                System.arraycopy(b, off + labelBytes, pixels, k * IMAGE, IMAGE);
                k++;
            }
        }
        return new ImageData(pixels, labels, 3, 32, 32, classes);
    }

    /** Class names from a meta text file (one per line), or numbered names when absent. */
    public static List<String> names(byte[] meta, int count) throws IOException {
        List<String> out = new ArrayList<>();
        if (meta != null) {
            for (String line : new String(meta, StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
        }
        if (out.size() != count) {
            out.clear();
            for (int i = 0; i < count; i++) {
                out.add("class_" + i);
            }
        }
        return out;
    }

    /**
     * A CIFAR data set from its binary batch files (and class-name file {@code meta}); the data set's source notes a
     * class-name file that does not fit or names classes without training images.
     */
    static Dataset dataset(String key, String source, List<Archive.Entry> entries, String meta, int labelBytes, int classes)
            throws IOException {
        List<Archive.Entry> train = new ArrayList<>();
        List<Archive.Entry> test = new ArrayList<>();
        byte[] metaBytes = null;
        for (Archive.Entry e : entries) {
            String f = e.path().substring(e.path().lastIndexOf('/') + 1);
            if (f.equals(meta)) {
                metaBytes = e.bytes();
            } else if (f.startsWith("data_batch_") || f.equals("train.bin")) {
                train.add(e);
            } else if (f.equals("test_batch.bin") || f.equals("test.bin")) {
                test.add(e);
            }
        }
        int expectTrain = labelBytes == 1 ? 5 : 1;
        if (train.size() != expectTrain || test.size() != 1) {
            throw new DataFormatException(source + ": incomplete " + key + " binary set (found " + train.size()
                    + " training and " + test.size() + " test batch files, expected " + expectTrain + " and 1)");
        }
        List<String> names = names(metaBytes, classes);
        List<String> notes = new ArrayList<>();
        if (metaBytes != null && names.get(0).equals("class_0")) {
            notes.add(meta + " does not name " + classes + " classes, numbered names used");
        }
        ImageData tr = parse(train, labelBytes, names);
        int[] counts = tr.classCounts();
        List<String> empty = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                empty.add(names.get(c));
            }
        }
        if (!empty.isEmpty()) {
            notes.add(meta + " names classes without training images: " + String.join(", ", empty));
        }
        return new Dataset(key, source + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"), tr,
                parse(test, labelBytes, names));
    }
}
