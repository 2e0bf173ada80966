package io.jnas.engine;

import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import io.jnas.estimate.TaskRunner;
import java.util.Map;

/**
 * Scoring in this process, one candidate at a time: a search asks its own estimators directly ({@link #here()}), and
 * a task is scored with the estimators of the context this process loaded (what {@link #ship} was handed).
 */
final class InProcessEngine implements Engine {
    private EstimatorContext<?> ctx;

    @Override
    public synchronized Map<String, String> ship(EstimatorContext<?> context) {
        this.ctx = context;
        return Map.of();
    }

    @Override
    public EvalResult call(EvalTask task) {
        EstimatorContext<?> c;
        synchronized (this) {
            c = ctx;
        }
        if (c == null) {
            throw new IllegalStateException("the in-process engine scores with the context it was shipped; call ship first");
        }
        return TaskRunner.score(task, c, "this process");
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public String describe() {
        return "this process";
    }

    @Override
    public boolean here() {
        return true;
    }

    @Override
    public void close() {
        // nothing is started
    }
}
