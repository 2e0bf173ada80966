package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** Applies its modules in order; children are named 0, 1, 2, ... */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential add(Module m) {
        layers.add(child(Integer.toString(layers.size()), m));
        return this;
    }

    public static Sequential of(Module... modules) {
        Sequential s = new Sequential();
        for (Module m : modules) {
            s.add(m);
        }
        return s;
    }

    public int size() {
        return layers.size();
    }

    public Module get(int i) {
        return layers.get(i);
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        String y = x;
        for (Module m : layers) {
            y = m.onnx(g, y);
            if (y == null) {
                return null;
            }
        }
        return y;
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        NDArray y = x;
        for (Module m : layers) {
            y = m.forward(ctx, y);
        }
        return y;
    }
}
