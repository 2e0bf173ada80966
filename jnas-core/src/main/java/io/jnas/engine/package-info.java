/**
 * Where candidates are scored: one interface ({@link io.jnas.engine.Engine}) for this process, worker processes on
 * this machine and cluster executors; engines found by name ({@link io.jnas.engine.Engines}, {@code --engine
 * NAME[:ARGS]}: {@code local}, {@code spark:MASTER} and any declared {@link io.jnas.engine.EngineProvider});
 * {@link io.jnas.engine.InFlight}, the one way to keep N calls in flight; the estimator whose scores come from an
 * engine ({@link io.jnas.engine.EngineEstimator}); the worker process ({@link io.jnas.engine.WorkerLoop}).
 */
package io.jnas.engine;
