package io.jnas.experiment;

import io.jnas.kernel.Kernels;
import io.jnas.run.Json;
import io.jnas.run.Registry;
import io.jnas.run.RunDir;
import io.jnas.run.RunStatus;
import io.jnas.run.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts and resumes experiments. A run's config.yaml holds {@code command} (the experiment's name), {@code seed},
 * {@code config} (the configuration record), {@code versions} and {@code kernels} (the kernel setting in effect and
 * what the checks found, {@link Kernels}); {@link #resume} needs nothing else. Both refuse to run on kernels that
 * failed a check on this machine. A Java
 * program runs an experiment without the command line:
 *
 * <pre>{@code
 * TrainRun cfg = new TrainRun(new ModelSpec("nb201", cell, 16, 5, false), data, TrainConfig.builder().epochs(10).build());
 * TrainResult result = Experiments.start(cfg, Path.of("runs/my-run"), System.out::println);
 * double top1 = result.testTop1();
 * }</pre>
 */
public final class Experiments {
    @SuppressWarnings("rawtypes")
    private static final Registry<Experiment> EXPERIMENTS = Registry.load("command", Experiment.class, Experiment::name);

    private Experiments() {
    }

    /** Every experiment name. */
    public static List<String> names() {
        return EXPERIMENTS.names();
    }

    /** Starts a new run of {@code config} in {@code dir} (refused when {@code dir} already holds a run). */
    public static <R extends Record> R start(RunConfig<R> config, Path dir, Consumer<String> log) throws IOException {
        Kernels.ensure(log);
        Experiment<RunConfig<R>, R> e = forConfig(config);
        Experiment.Prepared<R> p = e.prepare(config, log);
        RunDir run = RunDir.create(dir);
        run.writeConfig(configFile(e, config));
        log.accept("run directory: " + dir);
        return watched(p, run);
    }

    /** Runs {@code p} in {@code run} with its status.json kept up to date ({@link RunStatus}). */
    private static <R extends Record> R watched(Experiment.Prepared<R> p, RunDir run) throws IOException {
        try (RunStatus status = RunStatus.begin(run)) {
            try {
                R r = p.run(run);
                status.finished();
                return r;
            } catch (IOException | RuntimeException | Error e) {
                status.failed(e);
                throw e;
            }
        }
    }

    /** Continues the run in {@code dir} from its checkpoints (a finished run reports its result again). */
    public static Record resume(Path dir, Consumer<String> log) throws IOException {
        Kernels.ensure(log);
        return continueRun(config(dir), dir, log);
    }

    private static <R extends Record> R continueRun(RunConfig<R> config, Path dir, Consumer<String> log) throws IOException {
        return watched(forConfig(config).prepare(config, log), RunDir.open(dir));
    }

    /**
     * The configuration of the run in {@code dir}, as its experiment's record (a {@link TrainRun}, a {@link NatRun},
     * ...); IllegalArgumentException naming the problem when config.yaml is not one this version can read.
     */
    @SuppressWarnings("unchecked")
    public static RunConfig<?> config(Path dir) throws IOException {
        Map<String, Object> file = RunDir.open(dir).readConfig();
        Object command = file.get("command");
        if (!(command instanceof String name) || !EXPERIMENTS.has(name) || !file.containsKey("config")) {
            throw new IllegalArgumentException(dir + "/config.yaml names command '" + command + "', which this version of jnas "
                    + "cannot resume (commands: " + String.join(", ", names()) + ")");
        }
        Experiment<RunConfig<Record>, Record> e = EXPERIMENTS.get(name);
        try {
            return Json.MAPPER.convertValue(file.get("config"), e.configType());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(dir + "/config.yaml does not describe a '" + name + "' run ("
                    + ex.getMessage().split("\n")[0] + ")");
        }
    }

    /** A part of a larger run: the result of a finished run in {@code dir}, else resumes or starts it. */
    public static <R extends Record> R part(RunConfig<R> config, Path dir, Consumer<String> log) throws IOException {
        Experiment<RunConfig<R>, R> e = forConfig(config);
        if (Files.isRegularFile(dir.resolve("result.json"))) {
            return Json.MAPPER.readValue(dir.resolve("result.json").toFile(), e.resultType());
        }
        return Files.isRegularFile(dir.resolve("config.yaml")) ? e.resultType().cast(resume(dir, log)) : start(config, dir, log);
    }

    /** The experiment whose configuration record {@code config} is. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> Experiment<RunConfig<R>, R> forConfig(RunConfig<R> config) {
        for (Experiment<?, ?> e : EXPERIMENTS.all()) {
            if (e.configType() == config.getClass()) {
                return (Experiment<RunConfig<R>, R>) e;
            }
        }
        throw new IllegalArgumentException(config.getClass().getName() + " is not the configuration of any experiment");
    }

    /** The content of config.yaml for {@code config}. */
    static <C extends RunConfig<R>, R extends Record> Map<String, Object> configFile(Experiment<C, R> e, C config) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", e.name());
        c.put("seed", e.seed(config));
        c.put("config", Json.toMap(config));
        c.put("versions", Versions.all());
        c.put("kernels", Kernels.state().toMap());
        return c;
    }
}
