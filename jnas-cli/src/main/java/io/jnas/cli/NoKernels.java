package io.jnas.cli;

/** Marks a command that never runs a libtorch operator: no kernel setup before it, no check of the machine. */
interface NoKernels {
}
