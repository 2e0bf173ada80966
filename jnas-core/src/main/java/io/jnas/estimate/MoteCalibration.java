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
        String speedTerm, int fittedOn) {

    /** Fits the calibration on the terms of {@code landscape.length} architectures. */
    public static MoteCalibration fit(double[] landscape, double[] speed, String speedTerm) {
        BoxCox l = BoxCox.fit(landscape);
        BoxCox s = BoxCox.fit(speed);
        return new MoteCalibration(l.lambda(), l.sigma(), s.lambda(), s.sigma(), speedTerm, landscape.length);
    }

    /** The calibrated MOTE of one architecture's terms. */
    /** The calibration fitted on a scored sample's two MOTE terms, and the calibrated MOTE of each of its rows. */
    static EstimatorProvider.Fitted fitted(EstimatorProvider.Sample sample, String speedTerm) {
        double[] landscape = sample.column().apply("mote_landscape");
        double[] speed = sample.column().apply("mote_speed");
        MoteCalibration cal = fit(landscape, speed, speedTerm);
        double[] v = new double[landscape.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = cal.apply(landscape[i], speed[i]);
        }
        return new EstimatorProvider.Fitted(v, null, "calibration", cal);
    }

    public double apply(double landscape, double speed) {
        return MoteEstimator.combine(landscape, speed, new BoxCox(lambdaLandscape, sigmaLandscape),
                new BoxCox(lambdaSpeed, sigmaSpeed));
    }
}
