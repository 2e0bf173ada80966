/** Estimators: score one architecture (training, proxies, table look-ups) behind one interface. */
package io.jnas.estimate;
