package io.jnas.estimate;

/**
 * MOTE's final calibration: the landscape and speed terms are each Box-Cox transformed with λ and σ fitted on the
 * terms of every scored architecture, and combined as λ_L²σ_L·BoxCox(L) + λ_S²σ_S·BoxCox(S). Because it is fitted
 * on the whole sample, a calibrated score is final only when the sample is; scores shown while a run is in
 * progress are the raw L + S.
 *
 * @param lambdaLandscape Box-Cox λ of the landscape term
 * @param sigmaLandscape σ of the transformed landscape term
 * @param lambdaSpeed Box-Cox λ of the speed term
 * @param sigmaSpeed σ of the transformed speed term
 * @param speedTerm the speed term's form (macs or time)
 * @param fittedOn number of architectures fitted on
 */
public record MoteCalibration(double lambdaLandscape, double sigmaLandscape, double lambdaSpeed, double sigmaSpeed,
        String speedTerm, int fittedOn) implements EstimatorProvider.Calibration {

    /** Fits the calibration on the terms of {@code landscape.length} architectures. */
    public static MoteCalibration fit(double[] landscape, double[] speed, String speedTerm) {
        BoxCox l = BoxCox.fit(landscape);
        BoxCox s = BoxCox.fit(speed);
        return new MoteCalibration(l.lambda(), l.sigma(), s.lambda(), s.sigma(), speedTerm, landscape.length);
    }

    /** The calibrated MOTE of one architecture's terms. */
    /** The calibrated MOTE of a scores row (its mote_landscape and mote_speed columns). */
    @Override
    public double apply(java.util.Map<String, Double> row) {
        return apply(row.get("mote_landscape"), row.get("mote_speed"));
    }

    public double apply(double landscape, double speed) {
        return MoteEstimator.combine(landscape, speed, new BoxCox(lambdaLandscape, sigmaLandscape),
                new BoxCox(lambdaSpeed, sigmaSpeed));
    }
}
