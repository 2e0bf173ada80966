package io.jnas.search;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.Score;
import io.jnas.exec.ExecutionEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Drives a strategy: ask a batch, score it on the engine, tell the scores, until done. */
public final class SearchLoop {
    private SearchLoop() {
    }

    /** Runs until the strategy has nothing more to ask; returns every evaluation in order. */
    public static <A> List<Strategy.Evaluated<A>> run(Strategy<A> strategy, Estimator<A> estimator,
            ExecutionEngine engine, int batch, Consumer<Strategy.Evaluated<A>> onResult) {
        List<Strategy.Evaluated<A>> all = new ArrayList<>();
        while (true) {
            List<A> asked = strategy.ask(batch);
            if (asked.isEmpty()) {
                return all;
            }
            List<Callable<Score>> jobs = new ArrayList<>();
            for (A a : asked) {
                jobs.add(() -> estimator.estimate(a));
            }
            List<Score> scores = engine.runAll(jobs);
            for (int i = 0; i < asked.size(); i++) {
                strategy.tell(asked.get(i), scores.get(i));
                Strategy.Evaluated<A> e = new Strategy.Evaluated<>(asked.get(i), scores.get(i));
                all.add(e);
                onResult.accept(e);
            }
        }
    }
}
