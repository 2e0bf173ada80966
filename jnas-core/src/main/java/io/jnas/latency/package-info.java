/**
 * Latency of architectures on the machine jnas runs on: measured the way a deployment runs a network (ONNX Runtime
 * or jnas's own inference, fixed batch and threads, warm-up, then timed repetitions), a device fingerprint that
 * names what was measured, and per-space latency models built from such measurements (a look-up table of OFA
 * pieces, a per-gene regression for encoded cell spaces) stored under the cache and rebuilt when the device changes.
 */
package io.jnas.latency;
