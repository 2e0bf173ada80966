/**
 * The NAT / NATv2 multi-objective loop (NAT, arXiv:2005.05859; NATv2, arXiv:2307.00960) over any integer-encoded
 * space: archive initialisation, accuracy predictor, NSGA-III on the predictor (MOEA Framework), candidate choice,
 * archive survival, hypervolume and the high trade-off points of a front. How a candidate is scored is not known here.
 */
package io.jnas.search.nat;
