package io.jnas.experiment;

/** Rounding of reported figures (result.json keeps what a reader needs, not float noise). */
public final class Results {
    private Results() {
    }

    /** To 3 decimals. */
    public static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** To 4 decimals. */
    public static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
