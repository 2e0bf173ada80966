/** Strategies: ask/tell search loops over any search space with any estimator. */
package io.jnas.search;
