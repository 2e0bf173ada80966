package io.jnas.data;

/**
 * Per-channel mean and standard deviation (pixel values scaled to [0, 1]), computed from a
 * training set so that any data set is normalised the same way.
 */
public record Normalization(float[] mean, float[] std) {

    /** Statistics of {@code data}. */
    public static Normalization of(ImageData data) {
        int c = data.channels();
        int plane = data.height() * data.width();
        double[] sum = new double[c];
        double[] sq = new double[c];
        byte[] raw = data.raw();
        for (int i = 0; i < data.size(); i++) {
            int base = i * data.imageBytes();
            for (int ch = 0; ch < c; ch++) {
                long s = 0;
                long s2 = 0;
                int off = base + ch * plane;
                for (int p = 0; p < plane; p++) {
                    int v = raw[off + p] & 0xff;
                    s += v;
                    s2 += (long) v * v;
                }
                sum[ch] += s;
                sq[ch] += s2;
            }
        }
        float[] mean = new float[c];
        float[] std = new float[c];
        double n = (double) data.size() * plane;
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / n / 255.0;
            double v = sq[ch] / n / (255.0 * 255.0) - m * m;
            mean[ch] = (float) m;
            std[ch] = (float) Math.max(Math.sqrt(Math.max(v, 0)), 1e-3);
        }
        return new Normalization(mean, std);
    }
}
