/**
 * {@code jnas doctor}: what jnas computes with on this machine (CPU, Java, DJL, libtorch, the kernel setting and
 * oneDNN's ISA in effect, threads) and whether it computes right: every primitive check of {@link io.jnas.kernel}, the
 * training steps of jnas's own networks (the MAE objective with both decoders, a DARTS classifier), the optimizers, in
 * float32 against float64 at 1 and 2 threads, and same-seed determinism.
 */
package io.jnas.doctor;
