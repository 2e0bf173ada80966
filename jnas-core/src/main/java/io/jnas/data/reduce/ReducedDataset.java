package io.jnas.data.reduce;

import io.jnas.data.DataFormatException;
import io.jnas.data.ImageData;
import io.jnas.data.Splits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * Builds MOTE's reduced dataset (RD; MOTE-NAS, NeurIPS 2024, openreview.net/forum?id=jKLyKeZfzv).
 *
 * <ul>
 *   <li>{@code labels}: encode images, average the codes per label, k-means the label codes into
 *       k clusters and keep, in each cluster, the label whose summed distance to the other
 *       clusters' centres is largest; RD = every image of the kept labels.</li>
 *   <li>{@code images} (for data sets with few labels): per label, k-means over its image codes
 *       with k = images per label, keeping the image nearest each centre.</li>
 *   <li>{@code random} (RD-RS): random images per label.</li>
 * </ul>
 * Codes are computed on at most {@code encodeLimit} images per label (seeded), which keeps a
 * 224-pixel encoder affordable on a CPU.
 */
public final class ReducedDataset {
    private ReducedDataset() {
    }

    /** The selected subset: indices into the training and test sets, and the labels kept. */
    public record Selection(int[] train, int[] test, List<Integer> labels, String method) {
    }

    /** Label selection: k labels, all their images. */
    public static Selection byLabels(ImageData train, ImageData test, ImageEncoder enc, int k, int encodeLimit, long seed) {
        int classes = train.numClasses();
        if (k < 1 || k > classes) {
            throw new IllegalArgumentException("--rd-labels must lie in 1.." + classes + ", got " + k);
        }
        double[][] labelCodes = new double[classes][];
        List<List<Integer>> byClass = byClass(train);
        for (int c = 0; c < classes; c++) {
            int[] sample = sample(byClass.get(c), encodeLimit, new SplittableRandom(seed + c));
            float[][] codes = enc.encode(train, sample);
            labelCodes[c] = mean(codes);
        }
        List<DoublePoint> pts = new ArrayList<>();
        for (double[] v : labelCodes) {
            pts.add(new DoublePoint(v));
        }
        List<CentroidCluster<DoublePoint>> clusters = kmeans(pts, k, seed);
        EuclideanDistance d = new EuclideanDistance();
        List<Integer> kept = new ArrayList<>();
        for (int ci = 0; ci < clusters.size(); ci++) {
            int best = -1;
            double bestFar = -1;
            for (DoublePoint p : clusters.get(ci).getPoints()) {
                double far = 0;
                for (int cj = 0; cj < clusters.size(); cj++) {
                    if (cj != ci) {
                        far += d.compute(p.getPoint(), clusters.get(cj).getCenter().getPoint());
                    }
                }
                int label = indexOf(labelCodes, p.getPoint());
                if (far > bestFar || (far == bestFar && label < best)) {
                    bestFar = far;
                    best = label;
                }
            }
            kept.add(best);
        }
        kept.sort(null);
        return new Selection(indicesOf(train, kept), indicesOf(test, kept), kept, "labels");
    }

    /** Image selection: per label, the images nearest the centres of k-means over its image codes. */
    public static Selection byImages(ImageData train, ImageData test, ImageEncoder enc, int perLabel, int testPerLabel,
            int encodeLimit, long seed) {
        List<List<Integer>> byClass = byClass(train);
        List<Integer> picked = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            int[] sample = sample(byClass.get(c), Math.max(encodeLimit, perLabel), new SplittableRandom(seed + c));
            if (sample.length <= perLabel) {
                throw new DataFormatException("label " + train.classes().get(c) + " has only " + sample.length
                        + " images; lower --rd-images below that");
            }
            float[][] codes = enc.encode(train, sample);
            List<DoublePoint> pts = new ArrayList<>();
            for (float[] v : codes) {
                pts.add(new DoublePoint(toDouble(v)));
            }
            EuclideanDistance d = new EuclideanDistance();
            boolean[] used = new boolean[sample.length];
            for (CentroidCluster<DoublePoint> cl : kmeans(pts, perLabel, seed + 31L * c)) {
                int best = -1;
                double bestD = Double.MAX_VALUE;
                for (int i = 0; i < pts.size(); i++) {
                    double dist = d.compute(pts.get(i).getPoint(), cl.getCenter().getPoint());
                    if (!used[i] && dist < bestD) {
                        bestD = dist;
                        best = i;
                    }
                }
                used[best] = true;
                picked.add(sample[best]);
            }
            labels.add(c);
        }
        int[] tr = picked.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new Selection(tr, randomPerClass(test, testPerLabel, seed + 7), labels, "images");
    }

    /** RD-RS: random images per label. */
    public static Selection random(ImageData train, ImageData test, int perLabel, int testPerLabel, long seed) {
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
            labels.add(c);
        }
        return new Selection(randomPerClass(train, perLabel, seed), randomPerClass(test, testPerLabel, seed + 7), labels,
                "random");
    }

    private static int[] randomPerClass(ImageData data, int per, long seed) {
        List<Integer> out = new ArrayList<>();
        List<List<Integer>> byClass = byClass(data);
        for (int c = 0; c < byClass.size(); c++) {
            for (int i : sample(byClass.get(c), per, new SplittableRandom(seed + c))) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static List<CentroidCluster<DoublePoint>> kmeans(List<DoublePoint> pts, int k, long seed) {
        JDKRandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(seed);
        return new KMeansPlusPlusClusterer<DoublePoint>(k, 100, new EuclideanDistance(), rng).cluster(pts);
    }

    private static List<List<Integer>> byClass(ImageData d) {
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < d.numClasses(); c++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < d.size(); i++) {
            out.get(d.label(i)).add(i);
        }
        return out;
    }

    private static int[] sample(List<Integer> idx, int limit, SplittableRandom r) {
        int[] all = idx.stream().mapToInt(Integer::intValue).toArray();
        if (all.length <= limit) {
            return all;
        }
        int[] perm = Splits.permutation(all.length, r);
        int[] out = new int[limit];
        for (int i = 0; i < limit; i++) {
            out[i] = all[perm[i]];
        }
        Arrays.sort(out);
        return out;
    }

    private static double[] mean(float[][] codes) {
        double[] m = new double[codes[0].length];
        for (float[] c : codes) {
            for (int i = 0; i < m.length; i++) {
                m[i] += c[i];
            }
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= codes.length;
        }
        return m;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static int indexOf(double[][] codes, double[] p) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == p || Arrays.equals(codes[i], p)) {
                return i;
            }
        }
        throw new IllegalStateException("cluster point is not a label code");
    }

    private static int[] indicesOf(ImageData d, List<Integer> labels) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (labels.contains(d.label(i))) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
