/**
 * Candidate evaluation on Apache Spark: the {@code spark} task engine (tasks and results travel as JSON text, data as
 * files named by SHA-256), the executor side that scores them, and {@code jnas cluster}, a secured standalone
 * cluster for users without one. Spark is a provided dependency: these classes load only when a run asks for it.
 */
package io.jnas.cluster;
