package io.jnas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.jnas.nn.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Optimizer}'s update of the small tensors computed on one flat vector instead of tensor by tensor: the gradients are gathered once
 * per step, the norm, clip, weight decay and momentum (or Adam's moments) are a handful of operations on the flat
 * vectors, and each weight receives its slice of the update. Every element goes through the same operations in the
 * same order as in the per-tensor loop, so the weights come out the same; only the gradient norm is summed in another
 * order (it decides the clip scale, to float rounding). What it saves is native calls: about 5 per parameter tensor
 * and step instead of about 14 (an OFA super-network has 280-410 tensors; each call crosses JNI and makes a Java
 * object). The optimizer state lives in flat buffers whose per-tensor views are what checkpoints save and restore (in
 * place, {@code TensorFile.copyInto}).
 */
final class FlatUpdate {
    /** Elements up to which a tensor is updated in the flat vector (above, memory traffic outweighs a native call). */
    static final long SMALL = 32_768;
    private final List<Param> params;
    private final Shape[] shapes;
    private final long[] splits;
    private final boolean sgd;
    private final NDArray first;
    private final NDArray second;
    private NDManager gatheredIn;
    private NDArray gathered;

    /** Null when the parameters cannot share flat buffers (none, or more than one data type). */
    static FlatUpdate of(String kind, List<Param> params, double momentum, NDManager state, Map<String, NDArray> buffers) {
        if (params.isEmpty() || params.stream().map(p -> p.array().getDataType()).distinct().count() != 1) {
            return null;
        }
        if (kind.equals("sgd") && momentum <= 0) {
            return new FlatUpdate(params, true, state, null, null, buffers);
        }
        return new FlatUpdate(params, kind.equals("sgd"), state, kind.equals("sgd") ? ".momentum" : ".m",
                kind.equals("sgd") ? null : ".v", buffers);
    }

    private FlatUpdate(List<Param> params, boolean sgd, NDManager state, String firstName, String secondName,
            Map<String, NDArray> buffers) {
        this.params = params;
        this.sgd = sgd;
        this.shapes = new Shape[params.size()];
        this.splits = new long[params.size() - 1];
        long total = 0;
        for (int i = 0; i < params.size(); i++) {
            shapes[i] = params.get(i).array().getShape();
            total += shapes[i].size();
            if (i < splits.length) {
                splits[i] = total;
            }
        }
        DataType type = params.get(0).array().getDataType();
        this.first = firstName == null ? null : views(state.zeros(new Shape(total), type), firstName, buffers);
        this.second = secondName == null ? null : views(state.zeros(new Shape(total), type), secondName, buffers);
    }

    /** Registers one view per parameter of {@code flat} under the parameter's name + suffix (checkpoint keys). */
    private NDArray views(NDArray flat, String suffix, Map<String, NDArray> buffers) {
        NDList parts = splits.length == 0 ? new NDList(flat) : flat.split(splits);
        for (int i = 0; i < params.size(); i++) {
            buffers.put(params.get(i).name() + suffix, parts.get(i).reshape(shapes[i]));
        }
        return flat;
    }

    /** The flat gradient of this step (gathered once per step manager). */
    private NDArray gradients(NDManager step) {
        if (gathered == null || gatheredIn != step) {
            NDList flat = new NDList(params.size());
            for (Param p : params) {
                NDArray g = p.array().getGradient();
                g.attach(step);
                flat.add(g.reshape(-1));
            }
            gathered = NDArrays.concat(flat);
            gathered.attach(step);
            gatheredIn = step;
        }
        return gathered;
    }

    /** The sum of the squared gradients, a scalar on {@code step} (its part of the global norm). */
    NDArray squaredNorm(NDManager step) {
        return gradients(step).square().sum();
    }

    /** Scales the gradients this step's update will use (the clip). */
    void scale(NDManager step, float factor) {
        gradients(step).muli(factor);
    }

    /** One update (the {@link Optimizer}'s formulas) with {@code lr} at step {@code t}; zeroes the gradients. */
    void step(NDManager step, double lr, long t, double momentum, boolean nesterov, double beta2, double eps, double wd,
            boolean decoupled) {
        NDArray g = gradients(step);
        NDArray w = wd > 0 ? weights(step) : null;
        NDArray update;
        if (sgd) {
            if (wd > 0) {
                g.addi(w.muli((float) wd));
            }
            NDArray d = g;
            if (first != null) {
                first.muli((float) momentum).addi(g);
                d = nesterov ? g.addi(scoped(step, first.mul((float) momentum))) : scoped(step, first.mul(1f));
            }
            update = d.muli((float) lr);
        } else {
            if (wd > 0 && !decoupled) {
                g.addi(scoped(step, w.mul((float) wd)));
            }
            first.muli((float) momentum).addi(scoped(step, g.mul((float) (1 - momentum))));
            second.muli((float) beta2).addi(scoped(step, g.square()).muli((float) (1 - beta2)));
            double bc1 = 1 - Math.pow(momentum, t);
            double bc2 = 1 - Math.pow(beta2, t);
            NDArray denom = scoped(step, second.div((float) bc2)).sqrt().addi((float) eps);
            update = scoped(step, first.div((float) bc1)).divi(denom).muli((float) lr);
            if (wd > 0 && decoupled) {
                update.addi(w.muli((float) (lr * wd)));
            }
        }
        NDList parts = splits.length == 0 ? new NDList(update) : update.split(splits);
        for (int i = 0; i < params.size(); i++) {
            NDArray part = parts.get(i).reshape(shapes[i]);
            part.attach(step);
            params.get(i).array().subi(part);
        }
        parts.attach(step);
        zero();
    }

    /** The weights as one flat copy (for weight decay). */
    private NDArray weights(NDManager step) {
        NDList flat = new NDList(params.size());
        for (Param p : params) {
            flat.add(scoped(step, p.array().reshape(-1)));
        }
        return scoped(step, NDArrays.concat(flat));
    }

    /** Zeroes every gradient and forgets the gathered one. */
    void zero() {
        for (Param p : params) {
            JniUtils.zeroGrad((PtNDArray) p.array());
        }
        gathered = null;
        gatheredIn = null;
    }

    private static NDArray scoped(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }

    /** The flat buffers by role, for tests. */
    Map<String, NDArray> flatState() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        if (first != null) {
            m.put("first", first);
        }
        if (second != null) {
            m.put("second", second);
        }
        return m;
    }
}
