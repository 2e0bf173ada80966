/** Execution engines that run independent evaluations (a local thread pool; a cluster engine is a drop-in). */
package io.jnas.exec;
