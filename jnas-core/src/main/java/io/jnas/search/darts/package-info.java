/**
 * First-order differentiable architecture search (DARTS, arXiv:1806.09055) with a supervised or a label-free masked
 * reconstruction objective (MAE-NAS, arXiv:2311.12086): the bilevel α / weight steps and their resumable epochs.
 */
package io.jnas.search.darts;
