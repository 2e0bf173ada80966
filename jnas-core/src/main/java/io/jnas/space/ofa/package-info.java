/**
 * The OFA / OFAv2 MobileNetV3 subnet space of NATv2: the subnet record and NAT's text form,
 * the integer encoding with repair, sampling and neighbours, the fixed network layout and the
 * analytic cost used as exact search objectives.
 */
package io.jnas.space.ofa;
