package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;

/** Java-side helpers on small α matrices (derivation, logs). */
final class AlphaMath {
    private AlphaMath() {
    }

    /** Row-wise softmax of an (rows × cols) array read into Java. */
    static double[][] softmaxRows(NDArray a) {
        long rows = a.getShape().get(0);
        long cols = a.getShape().get(1);
        float[] v = a.toFloatArray();
        double[][] out = new double[(int) rows][(int) cols];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, v[(int) (r * cols + c)]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                out[r][c] = Math.exp(v[(int) (r * cols + c)] - max);
                sum += out[r][c];
            }
            for (int c = 0; c < cols; c++) {
                out[r][c] /= sum;
            }
        }
        return out;
    }

    /** Softmax of a slice [from, to) of a vector. */
    static double[] softmax(float[] v, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, v[i]);
        }
        double[] out = new double[to - from];
        double sum = 0;
        for (int i = from; i < to; i++) {
            out[i - from] = Math.exp(v[i] - max);
            sum += out[i - from];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** Index of the largest entry among columns {@code from..} (first on ties). */
    static int argmax(double[] row, int from) {
        int best = from;
        for (int i = from + 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
