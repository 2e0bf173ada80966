package io.jnas.estimate;

import io.jnas.space.nb201.Nb201Cell;

/** Scores NAS-Bench-201 cells by a table column (e.g. true 200-epoch accuracy): benchmarking strategies without training. */
public final class TableEstimator implements Estimator<Nb201Cell> {
    private final Nb201Table table;
    private final String column;

    public TableEstimator(Nb201Table table, String column) {
        if (!table.columns().contains(column)) {
            throw new IllegalArgumentException("the table has no column '" + column + "' (available: "
                    + String.join(", ", table.columns()) + ")");
        }
        this.table = table;
        this.column = column;
    }

    @Override
    public String name() {
        return "table";
    }

    @Override
    public Score estimate(Nb201Cell arch) {
        return Score.of(table.require(arch, column), 0);
    }
}
