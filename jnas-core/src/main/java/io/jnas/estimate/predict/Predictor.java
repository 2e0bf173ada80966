package io.jnas.estimate.predict;

/**
 * A learned accuracy predictor (surrogate): fitted on architecture encodings and their measured
 * values, then asked for predictions of new encodings. Implementations are deterministic for a
 * given seed.
 */
public interface Predictor {
    /** Fits on rows {@code x} (one encoding per row) and targets {@code y}. */
    void fit(double[][] x, double[] y);

    /** Predictions for rows {@code x}. */
    double[] predict(double[][] x);

    /** The predictor kinds offered on the command line. */
    String[] KINDS = {"gbt", "rf", "rbf", "gp", "mlp"};

    /**
     * A new predictor of a kind: {@code gbt} (gradient-boosted trees, XGBoost with pseudo-Huber
     * loss via Tribuo), {@code rf} (random forest, Tribuo CART), {@code rbf} (cubic radial basis
     * interpolation with a linear tail), {@code gp} (Gaussian process, RBF kernel) or {@code mlp}.
     */
    static Predictor of(String kind, long seed) {
        return switch (kind) {
            case "gbt" -> new TreePredictor(true, seed);
            case "rf" -> new TreePredictor(false, seed);
            case "rbf" -> new RbfPredictor();
            case "gp" -> new GpPredictor();
            case "mlp" -> new MlpPredictor(seed);
            default -> throw new IllegalArgumentException("unknown predictor '" + kind + "' (allowed: gbt, rf, rbf, gp, mlp)");
        };
    }
}
