package io.jnas.experiment;

import io.jnas.data.DataSpec;
import io.jnas.search.darts.SearchConfig;

/**
 * A differentiable search ({@code jnas search mae-nas|darts}).
 *
 * @param search the search settings (space, objective, supernet, optimisation, seed)
 * @param data the images searched on (training split only)
 * @param table optional NAS-Bench-201 table for the derived cell's true accuracy
 * @param tableDataset which data set's accuracy to report from the table (cifar10, cifar100, imagenet16)
 */
public record DiffSearchRun(SearchConfig search, DataSpec data, String table, String tableDataset)
        implements RunConfig<DiffSearchResult> {
}
