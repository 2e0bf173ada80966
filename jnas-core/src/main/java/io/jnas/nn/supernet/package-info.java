/**
 * Weight-sharing supernets for differentiable search: the DARTS and NAS-Bench-201 search networks whose edges mix
 * every candidate operation by softmax(α), the PC-DARTS partial-channel and DARTS- auxiliary-skip plug-ins, and the
 * search objectives (supervised classifier; MAE-NAS masked-image reconstruction with a hierarchical or plain decoder).
 */
package io.jnas.nn.supernet;
