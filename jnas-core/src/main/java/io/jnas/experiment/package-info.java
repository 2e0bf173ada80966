/**
 * The experiment layer: each long job (train, demo, differentiable search, estimate study, estimator-driven search,
 * super-network training, NAT search, fine-tuning) is an {@link io.jnas.experiment.Experiment} with a configuration
 * record that round-trips through config.yaml; {@link io.jnas.experiment.Experiments} starts and resumes them by
 * name. The command line only builds these records.
 */
package io.jnas.experiment;
