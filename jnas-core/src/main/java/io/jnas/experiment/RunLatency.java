package io.jnas.experiment;

import io.jnas.latency.LatencyTool;
import io.jnas.latency.MeasureOptions;
import io.jnas.nn.kit.ModelSpec;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code jnas latency --run DIR}: the latency of the network a finished run found or trained, measured and predicted as
 * {@code jnas latency} does for an architecture given by hand. Which network: a search's found architecture (search
 * mote, mae-nas, darts) at its space's default network; a train (or demo) run's network at the width and depth it was
 * trained at; a fine-tuned subnet, or member K of a search nat front, on its super-network (or its space, when the
 * search scored cells without one).
 */
public final class RunLatency {
    private RunLatency() {
    }

    /** What to measure: the target (space or super-network, shape) and the architecture's text. */
    record Network(LatencyTool.Target target, String arch, String from) {
    }

    /**
     * Measures the network of {@code run} ({@code member}: which front member of a search nat run, best first as
     * result.json lists them) with {@code base}'s input (channels, classes, size) and options.
     */
    public static Map<String, Object> measure(Path run, int member, LatencyTool.Target base, MeasureOptions o,
            Consumer<String> log) throws IOException {
        Network n = network(run, member, base);
        log.accept("latency of " + n.from() + ": " + n.arch());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.toString());
        out.put("network", n.from());
        out.putAll(LatencyTool.measure(n.target(), n.arch(), o, log));
        return out;
    }

    static Network network(Path run, int member, LatencyTool.Target base) throws IOException {
        if (!Files.isRegularFile(run.resolve("result.json"))) {
            throw new IllegalArgumentException(run + " holds no finished run (no result.json): give a finished run "
                    + "directory, or finish this one with jnas resume " + run);
        }
        RunConfig<?> config = Experiments.config(run);
        Map<String, Object> result = Json.MAPPER.readValue(run.resolve("result.json").toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                });
        if (config instanceof FinetuneRun f) {
            return new Network(base.of(null, Path.of(f.supernet()), null), f.subnet(), "the fine-tuned subnet");
        }
        if (config instanceof NatRun n) {
            List<?> front = (List<?>) result.get("front");
            if (member < 0 || front == null || member >= front.size()) {
                throw new IllegalArgumentException(run + "'s front has " + (front == null ? 0 : front.size()) + " members: give "
                        + "--member 0.." + (front == null ? 0 : front.size() - 1));
            }
            String arch = (String) ((Map<?, ?>) front.get(member)).get("arch");
            String what = "member " + member + " of the search nat front";
            if (n.supernet() == null) {
                return new Network(base.of(n.estimator().space(), null, null), arch, what);
            }
            Path sn = n.supernet().dir() != null ? Path.of(n.supernet().dir()) : run.resolve("supernet");
            return new Network(base.of(null, sn, null), arch, what);
        }
        String arch = (String) result.get("arch");
        if (config instanceof SearchRun s) {
            return new Network(base.of(s.estimator().space(), null, null), arch, "the architecture search mote found");
        }
        if (config instanceof DiffSearchRun d) {
            return new Network(base.of(d.search().space(), null, null), arch, "the architecture the differentiable search found");
        }
        if (config instanceof TrainRun t) {
            return trained(base, t.model(), "the trained network");
        }
        if (config instanceof DemoRun d) {
            return trained(base, d.train().model(), "the demo's trained network");
        }
        throw new IllegalArgumentException(run + " is a run of '" + Experiments.forConfig(config).name() + "', which finds or "
                + "trains no network; give a search, train, finetune or demo run");
    }

    private static Network trained(LatencyTool.Target base, ModelSpec m, String what) {
        if (m.kind().equals(ModelSpec.CNN)) {
            throw new IllegalArgumentException("the run trained jnas's plain CNN, which is no architecture of a space; measure a "
                    + "search's or a space's architecture instead");
        }
        // at the width and depth trained; the auxiliary head (DARTS) is a training aid that inference does not run
        return new Network(base.of(m.kind(), null, new SpaceKit.Shape(m.channels(), m.depth(), false)), m.arch(), what);
    }
}
