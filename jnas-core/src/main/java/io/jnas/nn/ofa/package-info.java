/**
 * OFA / OFAv2 elastic super-networks on DJL: elastic kernel (centre crop + learned transforms),
 * elastic expand (importance-sorted channels), elastic depth and resolution, parallel blocks,
 * dense skips and early exits; subnet extraction with weights and BN recalibration.
 */
package io.jnas.nn.ofa;
