/** The NAS-Bench-201 cell space (5 operations on 6 edges). */
package io.jnas.space.nb201;
