package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Conv;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Param;
import io.jnas.nn.Resample;
import java.util.SplittableRandom;

/**
 * MAE-NAS (arXiv:2311.12086): masked-image reconstruction, labels never read.
 *
 * <p>Each image is cut into p×p patches; a fraction r of them, drawn per image from the step's
 * seeded stream, is zeroed. The supernet sees the masked image (and, SparK-style, the mask is
 * re-applied to every feature map). The decoder reconstructs the image:
 * hierarchical (paper Eq. 3) I = 1×1(conv3×3(F1)) + up2(conv3×3(F2)) + up4(conv3×3(F3)),
 * or plain (SimMIM) I = pixelshuffle(1×1(F3)). Masked positions of each F_i are first filled
 * with a learned per-scale mask token. Loss: mean squared error on masked patches only, each
 * target patch normalised by its own mean and standard deviation (norm-pix).
 */
public final class MaeObjective extends Objective {

    /**
     * @param maskRatio fraction r of patches masked, in (0, 1)
     * @param patch patch side p in pixels
     * @param hierarchical hierarchical decoder (true) or the plain one-layer decoder
     * @param remask re-apply the mask to the stem and cell outputs
     * @param normPix normalise each target patch
     */
    public record Config(double maskRatio, int patch, boolean hierarchical, boolean remask, boolean normPix) {
        /** Half the 4×4 patches masked, hierarchical decoder with re-masking, normalised target patches. */
        public static final Config DEFAULT = new Config(0.5, 4, true, true, true);

        public Config {
            if (!(maskRatio > 0 && maskRatio < 1)) {
                throw new IllegalArgumentException("--mask-ratio must lie in (0, 1), got " + maskRatio);
            }
            if (patch < 1) {
                throw new IllegalArgumentException("--patch must be >= 1, got " + patch);
            }
        }

        /**
         * The configuration for a decoder named {@code hierarchical} or {@code plain}; re-masking (null: the decoder's
         * default) is on with the hierarchical decoder only: with re-masking the deepest map holds only the mask token at
         * masked positions, and a 1×1 decoder then has no context to reconstruct from (measured: the loss stays at 1.0
         * and α never moves), so the plain ablation lets the encoder carry context into masked positions, as SimMIM's does.
         */
        public static Config of(double maskRatio, int patch, String decoder, Boolean remask, boolean normPix) {
            if (!decoder.equals("hierarchical") && !decoder.equals("plain")) {
                throw new IllegalArgumentException("--decoder must be hierarchical or plain, got '" + decoder + "'");
            }
            boolean hierarchical = decoder.equals("hierarchical");
            return new Config(maskRatio, patch, hierarchical, remask != null ? remask : hierarchical, normPix);
        }
    }

    private final Config cfg;
    private final int imageChannels;
    private final Conv[] convs = new Conv[3];
    private final Conv linear;
    private final Conv plain;
    private final NDArray[] tokens = new NDArray[3];
    private final int outScale;

    /**
     * @param stageChannels channels of f1, f2, f3
     * @param imageChannels channels of the reconstructed image
     * @param outScale input size / f1 size (1 when the stem keeps the resolution)
     */
    public MaeObjective(Init init, Config cfg, int[] stageChannels, int imageChannels, int outScale) {
        this.cfg = cfg;
        this.imageChannels = imageChannels;
        this.outScale = outScale;
        if (cfg.hierarchical()) {
            for (int i = 0; i < 3; i++) {
                convs[i] = child("conv" + (i + 1), new Conv(init, stageChannels[i], imageChannels, 3, 1, 1, 1, 1, true));
                tokens[i] = param("mask_token" + (i + 1), init.zeros(new Shape(1, stageChannels[i], 1, 1)), Param.Kind.WEIGHT);
            }
            linear = child("linear1", new Conv(init, imageChannels, imageChannels, 1, 1, 0, 1, 1, true));
            plain = null;
        } else {
            int s = 4 * outScale;
            plain = child("plain", new Conv(init, stageChannels[2], s * s * imageChannels, 1, 1, 0, 1, 1, true));
            tokens[2] = param("mask_token3", init.zeros(new Shape(1, stageChannels[2], 1, 1)), Param.Kind.WEIGHT);
            linear = null;
        }
    }

    public Config config() {
        return cfg;
    }

    /** Draws a mask (N, 1, H/p, W/p), 1 = visible, exactly round(r·L) patches hidden per image. */
    public NDArray drawMask(Ctx ctx, long n, long h, long w, SplittableRandom random) {
        int gh = (int) (h / cfg.patch());
        int gw = (int) (w / cfg.patch());
        if (gh * cfg.patch() != h || gw * cfg.patch() != w) {
            throw new IllegalArgumentException("image size " + h + "x" + w + " is not a multiple of the patch size "
                    + cfg.patch() + "; choose --patch dividing the image size");
        }
        int l = gh * gw;
        int hidden = (int) Math.round(cfg.maskRatio() * l);
        float[] m = new float[(int) n * l];
        java.util.Arrays.fill(m, 1f);
        int[] idx = new int[l];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < l; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < hidden; i++) {
                int j = i + random.nextInt(l - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
                m[b * l + idx[i]] = 0f;
            }
        }
        return ctx.manager().create(m, new Shape(n, 1, gh, gw));
    }

    /** The reconstruction (N, C, H, W) of {@code images} under {@code mask}. */
    public NDArray reconstruct(Ctx ctx, Supernet net, NDArray images, NDArray mask) {
        Shape s = images.getShape();
        NDArray masked = images.mul(Supernet.maskAt(mask, s.get(2), s.get(3)));
        Supernet.Features f = net.features(ctx, masked, cfg.remask() ? mask : null);
        if (cfg.hierarchical()) {
            NDArray f1 = fill(ctx, f.f1(), mask, 0);
            NDArray f2 = fill(ctx, f.f2(), mask, 1);
            NDArray f3 = fill(ctx, f.f3(), mask, 2);
            NDArray out = linear.forward(ctx, convs[0].forward(ctx, f1));
            out = out.add(Resample.nearest(convs[1].forward(ctx, f2), (int) (f1.getShape().get(2) / f2.getShape().get(2))));
            out = out.add(Resample.nearest(convs[2].forward(ctx, f3), (int) (f1.getShape().get(2) / f3.getShape().get(2))));
            return outScale > 1 ? Resample.nearest(out, outScale) : out;
        }
        NDArray f3 = fill(ctx, f.f3(), mask, 2);
        int scale = (int) (s.get(2) / f3.getShape().get(2));
        return Resample.pixelShuffle(plain.forward(ctx, f3), scale);
    }

    private NDArray fill(Ctx ctx, NDArray f, NDArray mask, int scale) {
        NDArray m = Supernet.maskAt(mask, f.getShape().get(2), f.getShape().get(3));
        NDArray hole = m.neg().add(1f);
        return f.mul(m).add(hole.mul(tokens[scale]));
    }

    @Override
    public NDArray loss(Ctx ctx, Supernet net, NDArray images, NDArray labels) {
        Shape s = images.getShape();
        NDArray mask = drawMask(ctx, s.get(0), s.get(2), s.get(3), ctx.random());
        return maskedLoss(reconstruct(ctx, net, images, mask), images, mask);
    }

    /** Mean over masked patches of the per-patch mean squared error (norm-pix targets). */
    public NDArray maskedLoss(NDArray pred, NDArray target, NDArray mask) {
        NDArray p = patchify(pred);
        NDArray t = patchify(target);
        if (cfg.normPix()) {
            NDArray mean = t.mean(new int[] {3}, true);
            NDArray var = t.sub(mean).square().mean(new int[] {3}, true);
            t = t.sub(mean).div(var.add(1e-6f).sqrt());
        }
        NDArray perPatch = p.sub(t).square().mean(new int[] {3});
        Shape ms = mask.getShape();
        NDArray hidden = mask.reshape(ms.get(0), ms.get(2), ms.get(3)).neg().add(1f);
        return perPatch.mul(hidden).sum().div(hidden.sum().add(1e-6f));
    }

    /** (N, C, H, W) → (N, H/p, W/p, C·p·p). */
    private NDArray patchify(NDArray x) {
        Shape s = x.getShape();
        int p = cfg.patch();
        long gh = s.get(2) / p;
        long gw = s.get(3) / p;
        return x.reshape(s.get(0), s.get(1), gh, p, gw, p).transpose(0, 2, 4, 1, 3, 5).reshape(s.get(0), gh, gw, s.get(1) * p * p);
    }

    /** Undoes norm-pix for display: rescales each predicted patch to the target patch's statistics. */
    public NDArray denormalize(NDArray pred, NDArray target) {
        if (!cfg.normPix()) {
            return pred;
        }
        Shape s = target.getShape();
        NDArray p = patchify(pred);
        NDArray t = patchify(target);
        NDArray mean = t.mean(new int[] {3}, true);
        NDArray std = t.sub(mean).square().mean(new int[] {3}, true).add(1e-6f).sqrt();
        NDArray out = p.mul(std).add(mean);
        int ps = cfg.patch();
        return out.reshape(s.get(0), s.get(2) / ps, s.get(3) / ps, s.get(1), ps, ps).transpose(0, 3, 1, 4, 2, 5)
                .reshape(s);
    }

    @Override
    public boolean usesLabels() {
        return false;
    }

    public int imageChannels() {
        return imageChannels;
    }
}
