package io.jnas.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded, class-stratified splits and class-balanced subsets. Same seed, same split. */
public final class Splits {
    private Splits() {
    }

    /** Two disjoint image sets. */
    public record Pair(ImageData first, ImageData second) {
    }

    /** Per class, a fraction {@code secondFraction} (rounded) of its images goes to the second set. */
    public static Pair stratified(ImageData data, double secondFraction, long seed) {
        if (!(secondFraction > 0 && secondFraction < 1)) {
            throw new IllegalArgumentException("split fraction must lie in (0, 1), got " + secondFraction);
        }
        List<List<Integer>> byClass = shuffledByClass(data, seed);
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (List<Integer> idx : byClass) {
            int nb = (int) Math.round(idx.size() * secondFraction);
            b.addAll(idx.subList(0, nb));
            a.addAll(idx.subList(nb, idx.size()));
        }
        return new Pair(data.subset(sorted(a)), data.subset(sorted(b)));
    }

    /** Per class, {@code secondPerClass} images go to the second set. */
    public static Pair perClass(ImageData data, int secondPerClass, long seed) {
        List<List<Integer>> byClass = shuffledByClass(data, seed);
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> idx = byClass.get(c);
            if (idx.size() <= secondPerClass) {
                throw new IllegalArgumentException("class " + data.classes().get(c) + " has only " + idx.size()
                        + " images, cannot hold out " + secondPerClass);
            }
            b.addAll(idx.subList(0, secondPerClass));
            a.addAll(idx.subList(secondPerClass, idx.size()));
        }
        return new Pair(data.subset(sorted(a)), data.subset(sorted(b)));
    }

    /**
     * A class-balanced subset of {@code n} images: ⌊n/classes⌋ per class, the remainder going
     * to the first classes; classes with too few images give all they have.
     */
    public static ImageData balancedSubset(ImageData data, int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("subset size must be positive, got " + n);
        }
        if (n >= data.size()) {
            return data;
        }
        List<List<Integer>> byClass = shuffledByClass(data, seed);
        int k = byClass.size();
        List<Integer> pick = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int want = n / k + (c < n % k ? 1 : 0);
            List<Integer> idx = byClass.get(c);
            pick.addAll(idx.subList(0, Math.min(want, idx.size())));
        }
        return data.subset(sorted(pick));
    }

    private static List<List<Integer>> shuffledByClass(ImageData data, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < data.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (List<Integer> idx : byClass) {
            for (int i = idx.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                Integer t = idx.get(i);
                idx.set(i, idx.get(j));
                idx.set(j, t);
            }
        }
        return byClass;
    }

    private static int[] sorted(List<Integer> idx) {
        return idx.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** A seeded permutation of 0..n-1. */
    public static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
