package io.jnas.search.darts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.nn.Ctx;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Scalar;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.Supernet;
import io.jnas.run.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * MAE-NAS's picture of what the supernet learned (the paper's Fig. 2): for 8 training images, the original, the
 * masked input, the reconstruction, and the visible patches with the reconstruction pasted into the masked ones.
 *
 * @param rowNames the four row titles
 * @param rows per row, one (C, H, W) planar image in [0, 1] per column
 * @param channels C
 * @param height H
 * @param width W
 */
public record Reconstructions(List<String> rowNames, List<List<float[]>> rows, int channels, int height, int width) {

    /** The grid of {@code search}, whose objective must be MAE. */
    public static Reconstructions of(DifferentiableSearch search, MaeObjective mae, ImageData train) {
        int n = Math.min(8, train.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * train.size() / n);
        }
        try (NDManager m = search.manager().newSubManager(); NoGrad ng = new NoGrad()) {
            Batcher.Batch batch = new Batcher(train, search.normalization(), Augment.NONE).batch(m, idx, 0, n, null);
            Ctx ctx = new Ctx(m, true, Seeds.stream(0, 99), null);
            NDArray x = batch.x();
            Shape sh = x.getShape();
            NDArray mask = mae.drawMask(ctx, sh.get(0), sh.get(2), sh.get(3), Seeds.stream(0, 98));
            NDArray rec = mae.denormalize(mae.reconstruct(ctx, search.supernet(), x, mask), x);
            NDArray full = Supernet.maskAt(mask, sh.get(2), sh.get(3));
            NDArray mean = m.create(search.normalization().mean(), new Shape(1, sh.get(1), 1, 1));
            NDArray std = m.create(search.normalization().std(), new Shape(1, sh.get(1), 1, 1));
            NDArray orig = x.mul(std).add(mean);
            NDArray shown = orig.mul(full).add(Scalar.mul(full.neg().add(1f), 0.5));
            NDArray recon = rec.mul(std).add(mean);
            NDArray pasted = orig.mul(full).add(recon.mul(full.neg().add(1f)));
            List<List<float[]>> rows = new ArrayList<>();
            for (NDArray a : List.of(orig, shown, recon, pasted)) {
                List<float[]> row = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    row.add(a.get(i).toFloatArray());
                }
                rows.add(row);
            }
            return new Reconstructions(List.of("original", "masked", "reconstructed", "visible+rec."), rows, (int) sh.get(1),
                    (int) sh.get(2), (int) sh.get(3));
        }
    }
}
