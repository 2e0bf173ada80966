package io.jnas.estimate.predict;

import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Tree ensembles from Tribuo: gradient-boosted trees (XGBoost, pseudo-Huber loss, as NAT's
 * predictor uses a Huber loss) or a random forest of CART regression trees.
 */
final class TreePredictor implements Predictor {
    private final boolean boosted;
    private final long seed;
    private String[] names;
    private boolean[] constant;
    private Model<Regressor> model;

    TreePredictor(boolean boosted, long seed) {
        this.boosted = boosted;
        this.seed = seed;
    }

    private static final RegressionFactory FACTORY = new RegressionFactory();
    /** Tribuo logs a line per tree at INFO ("Building model 41"); held here so that the level set stays set. */
    private static final java.util.logging.Logger TRIBUO_LOG = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.tribuo");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    @Override
    public void fit(double[][] x, double[] y) {
        names = new String[x[0].length];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.format("g%03d", i);
        }
        // a column equal on every training row cannot split a tree; it is fed as 0, because Tribuo's feature statistics
        // can round a constant 1e31 (synflow) to a mean below its minimum and refuse the data set
        constant = new boolean[names.length];
        for (int j = 0; j < names.length; j++) {
            constant[j] = true;
            for (double[] row : x) {
                constant[j] &= row[j] == x[0][j];
            }
        }
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("archive", FACTORY), FACTORY);
        for (int i = 0; i < x.length; i++) {
            data.add(new ArrayExample<>(new Regressor("error", y[i]), names, masked(x[i])));
        }
        if (boosted) {
            // trees, eta, gamma, depth, min child weight, subsample, feature subsample, lambda, alpha, threads, silent, seed
            model = new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.PSEUDOHUBER, 200, 0.1, 0, 4, 1,
                    0.8, 0.8, 1, 0, 1, true, seed).train(data);
        } else {
            CARTRegressionTrainer tree = new CARTRegressionTrainer(Integer.MAX_VALUE, 2, 0.0f, 0.7f,
                    new MeanSquaredError(), seed);
            model = new org.tribuo.common.tree.RandomForestTrainer<>(tree, new AveragingCombiner(), 100, seed).train(data);
        }
    }

    private double[] masked(double[] row) {
        double[] r = row.clone();
        for (int j = 0; j < r.length; j++) {
            r[j] = constant[j] ? 0 : r[j];
        }
        return r;
    }

    @Override
    public double[] predict(double[][] x) {
        List<Example<Regressor>> ex = new ArrayList<>();
        for (double[] row : x) {
            ex.add(new ArrayExample<>(FACTORY.getUnknownOutput(), names, masked(row)));
        }
        double[] out = new double[x.length];
        var preds = model.predict(ex);
        for (int i = 0; i < out.length; i++) {
            out[i] = preds.get(i).getOutput().getValues()[0];
        }
        return out;
    }
}
