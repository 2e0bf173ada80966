/**
 * Training of OFA / OFAv2 super-networks (OFA, arXiv:1908.09791; OFAv2, arXiv:2302.01888): the phases of (extended)
 * progressive shrinking, distillation from the full network (ENS-KD with early exits), NAT's super-network
 * adaptation, and evaluation of subnets with inherited weights after BN recalibration.
 */
package io.jnas.train.ofa;
