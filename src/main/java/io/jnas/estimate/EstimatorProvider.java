package io.jnas.estimate;

import java.util.List;

/**
 * Declares an estimator to {@link Estimators}: its name, the CSV columns it fills and how to build it for a space.
 * Built-ins: mote (with tse and short_acc from the same training), synflow, naswot, grad_norm, snip, params, flops,
 * table; more through {@code META-INF/services/io.jnas.estimate.EstimatorProvider}.
 */
public interface EstimatorProvider {

    /** The name on the command line and the CSV column of the value. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** The columns its scores fill: the value's column first, then named terms. */
    default List<String> columns() {
        return List.of(name());
    }

    /** Builds the estimator for the context's space; IllegalArgumentException when it cannot score that space. */
    <A> Estimator<A> create(EstimatorContext<A> context);
}
