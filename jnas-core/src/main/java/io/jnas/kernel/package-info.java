/**
 * The native kernels jnas computes with, made trustworthy per machine. libtorch's oneDNN convolutions are wrong on some
 * x86 CPUs (docs/platforms.md); nothing raises an error, the numbers are just wrong. This package names the machine
 * ({@link io.jnas.kernel.Machine}), checks every primitive jnas trains with against float64
 * ({@link io.jnas.kernel.PrimitiveChecks}), picks the fastest setting of the kernels under which all checks pass by
 * trying each in a fresh process ({@link io.jnas.kernel.Ladder}), remembers it per machine and libtorch version
 * ({@link io.jnas.kernel.Profile}), and applies it in every jnas process before the first operator runs
 * ({@link io.jnas.kernel.Kernels}).
 */
package io.jnas.kernel;
