/**
 * Network builders: a thin module tree over DJL's libtorch operators, the shared blocks (conv-BN-ReLU, separable and
 * dilated convs, pools that exclude padding, factorized reduce, resampling, squeeze-excitation, h-swish), the
 * cell-space networks, losses, and the cost model (parameters, MACs).
 */
package io.jnas.nn;
