package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.estimate.predict.KFoldEnsemble;
import io.jnas.estimate.predict.Predictor;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PredictorTest {
    /** A smooth non-linear function of a 10-gene integer code, like error against an encoding. */
    static double target(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (i % 3 + 1) * x[i];
        }
        return 40 - s + 0.05 * s * s / x.length;
    }

    static double[][] codes(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][10];
        for (double[] row : x) {
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextInt(10);
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gbt", "rf", "rbf", "gp", "mlp"})
    void everyPredictorRanksHeldOutCodes(String kind) {
        double[][] train = codes(120, 1);
        double[] y = new double[train.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = target(train[i]);
        }
        double[][] test = codes(60, 2);
        double[] truth = new double[test.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = target(test[i]);
        }
        Predictor p = new KFoldEnsemble(kind, 3, 7);
        p.fit(train, y);
        double[] pred = p.predict(test);
        // a forest of axis-aligned trees fits an additive target less well from 80 rows per fold
        double floor = kind.equals("rf") ? 0.4 : 0.5;
        assertThat(new KendallsCorrelation().correlation(pred, truth)).as(kind).isGreaterThan(floor);
        // deterministic for a seed
        Predictor q = new KFoldEnsemble(kind, 3, 7);
        q.fit(train, y);
        assertThat(q.predict(test)).containsExactly(pred);
    }

    @Test
    void unknownKindIsNamed() {
        assertThatThrownBy(() -> Predictor.of("svm", 0)).hasMessageContaining("svm").hasMessageContaining("gbt");
    }
}
