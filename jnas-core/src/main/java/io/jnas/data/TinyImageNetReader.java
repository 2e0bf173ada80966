package io.jnas.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Tiny ImageNet in its official layout ({@code wnids.txt}, {@code val/val_annotations.txt},
 * {@code val/images/}, optionally {@code train/WNID/images/}) from a directory or tar(.gz).
 * With a training split, val is the test set; with only val, the images are split per class
 * ({@code testPerClass} of every class's images go to test, seeded).
 */
public final class TinyImageNetReader {
    private TinyImageNetReader() {
    }

    public static Dataset read(String name, Path root, int size, int testPerClass, long seed) throws IOException {
        List<Archive.Entry> files = Archive.read(root, p -> p.endsWith("wnids.txt") || p.endsWith("val_annotations.txt")
                || Images.isImage(p));
        Archive.Entry wnids = find(files, "wnids.txt");
        Archive.Entry ann = find(files, "val/val_annotations.txt");
        if (wnids == null || ann == null) {
            throw new DataFormatException(root, "is not in the Tiny ImageNet layout: "
                    + (wnids == null ? "wnids.txt" : "val/val_annotations.txt") + " is missing");
        }
        List<String> classes = wnids(wnids);
        Map<String, String> valLabel = annotations(ann);
        int hw = size > 0 ? size : 64;
        List<Archive.Entry> valFiles = new ArrayList<>();
        List<String[]> valParts = new ArrayList<>();
        List<Archive.Entry> trainFiles = new ArrayList<>();
        List<String[]> trainParts = new ArrayList<>();
        for (Archive.Entry e : files) {
            if (!Images.isImage(e.path())) {
                continue;
            }
            String[] p = e.path().split("/");
            String file = p[p.length - 1];
            if (e.path().contains("/val/images/") || e.path().startsWith("val/images/")) {
                String wnid = valLabel.get(file);
                if (wnid == null || !classes.contains(wnid)) {
                    throw new DataFormatException(root, "val image " + file + " has no valid entry in val_annotations.txt");
                }
                valFiles.add(e);
                valParts.add(new String[] {wnid});
            } else if (p.length >= 3 && p[p.length - 2].equals("images") && classes.contains(p[p.length - 3])) {
                trainFiles.add(e);
                trainParts.add(new String[] {p[p.length - 3]});
            }
        }
        if (valFiles.isEmpty()) {
            throw new DataFormatException(root, "holds no val/images/*.JPEG files");
        }
        // wnids.txt may list classes without any image (seen: two extra ids); keep those with images
        java.util.Set<String> used = new java.util.HashSet<>();
        valParts.forEach(p -> used.add(p[0]));
        trainParts.forEach(p -> used.add(p[0]));
        List<String> dropped = classes.stream().filter(c -> !used.contains(c)).toList();
        classes = classes.stream().filter(used::contains).toList();
        String note = dropped.isEmpty() ? "" : " (ignored " + dropped.size() + " wnids.txt entries without images: "
                + String.join(", ", dropped) + ")";
        List<String> notes = new ArrayList<>();
        ImageData val = ImageFolderReader.decode(valFiles, valParts, range(valFiles.size()), 0, classes, new int[] {hw, hw},
                size > 0, notes);
        if (!trainFiles.isEmpty()) {
            ImageData train = ImageFolderReader.decode(trainFiles, trainParts, range(trainFiles.size()), 0, classes,
                    new int[] {hw, hw}, size > 0, notes);
            return new Dataset(name, root + note + notes(notes), train, val);
        }
        Splits.Pair p = Splits.perClass(val, testPerClass, seed);
        return new Dataset(name, root + " (val split per class: " + testPerClass + " test images per class)" + note + notes(notes),
                p.first(), p.second());
    }

    private static String notes(List<String> notes) {
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    private static List<String> wnids(Archive.Entry wnids) {
        List<String> out = new ArrayList<>();
        for (String l : new String(wnids.bytes(), StandardCharsets.UTF_8).split("\\R")) {
            if (!l.isBlank()) {
                out.add(l.trim());
            }
        }
        return out;
    }

    /** File name → wnid of every line of val_annotations.txt. */
    private static Map<String, String> annotations(Archive.Entry ann) {
        Map<String, String> valLabel = new HashMap<>();
        for (String l : new String(ann.bytes(), StandardCharsets.UTF_8).split("\\R")) {
            String[] t = l.split("\t");
            if (t.length >= 2) {
                valLabel.put(t[0], t[1]);
            }
        }
        return valLabel;
    }

    private static Archive.Entry find(List<Archive.Entry> files, String suffix) {
        for (Archive.Entry e : files) {
            if (e.path().equals(suffix) || e.path().endsWith("/" + suffix)) {
                return e;
            }
        }
        return null;
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }
}
