/**
 * Space kits: for each search space, the space, its network builder, MOTE's reduced architecture, its cost and,
 * where one exists, its differentiable supernet, found by name ({@link io.jnas.nn.kit.SpaceKits}).
 */
package io.jnas.nn.kit;
