/** The DARTS cell space (8 operations, normal and reduction cells). */
package io.jnas.space.darts;
