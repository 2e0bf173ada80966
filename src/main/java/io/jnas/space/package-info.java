/** Search spaces: immutable architecture records, text forms, sampling, mutation, neighbours and integer encodings. No tensors, no training. */
package io.jnas.space;
