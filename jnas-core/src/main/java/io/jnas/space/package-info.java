/**
 * Search spaces: immutable architecture records, text forms, sampling, mutation, neighbours, integer encodings and
 * cost models. No tensors, no training.
 */
package io.jnas.space;
