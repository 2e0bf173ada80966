/**
 * Accuracy predictors for surrogate-assisted search (NAT): gradient-boosted trees and random forests through Tribuo,
 * radial basis functions, a Gaussian process, a small MLP, and a k-fold ensemble of any of them.
 */
package io.jnas.estimate.predict;
