/** Training a fixed network: optimizers, schedules, losses, evaluation and the resumable trainer. */
package io.jnas.train;
