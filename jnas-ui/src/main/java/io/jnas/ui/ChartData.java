package io.jnas.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * One chart of a run as data: named series of (x, y) points, drawn as lines or as a scatter, or a heat map
 * ({@link Heat}). Several runs' charts of the same name overlay into one ({@link #overlay}).
 *
 * @param name the chart's name in the page and the API ({@code loss}, {@code front_error_params}, ...)
 * @param title its title
 * @param xLabel x axis
 * @param yLabel y axis
 * @param scatter points (true) or lines (false)
 * @param logX a logarithmic x axis
 * @param series the series
 * @param heat a heat map instead of series, or null
 */
public record ChartData(String name, String title, String xLabel, String yLabel, boolean scatter, boolean logX,
        List<Series> series, Heat heat) {

    public ChartData {
        series = List.copyOf(series);
    }

    /** A named series. */
    public record Series(String name, List<Double> x, List<Double> y) {
        public Series {
            x = List.copyOf(x);
            y = List.copyOf(y);
        }

        /** The number of points. */
        public int size() {
            return x.size();
        }
    }

    /**
     * A heat map: {@code values[row][column]}.
     *
     * @param rows row labels
     * @param columns column labels
     * @param values the values, rows by columns
     */
    public record Heat(List<String> rows, List<String> columns, double[][] values) {
    }

    static ChartData lines(String name, String title, String x, String y, List<Series> series) {
        return new ChartData(name, title, x, y, false, false, series, null);
    }

    static ChartData points(String name, String title, String x, String y, List<Series> series) {
        return new ChartData(name, title, x, y, true, false, series, null);
    }

    /** The points of every series. */
    public int points() {
        return series.stream().mapToInt(Series::size).sum();
    }

    /** Charts of the same name from several runs in one: each series named after its run. */
    static ChartData overlay(List<String> runs, List<ChartData> charts) {
        List<Series> all = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            for (Series s : charts.get(i).series()) {
                String label = charts.get(i).series().size() > 1 ? runs.get(i) + ": " + s.name() : runs.get(i);
                all.add(new Series(label, s.x(), s.y()));
            }
        }
        ChartData first = charts.get(0);
        return new ChartData(first.name(), first.title() + " (" + charts.size() + " runs)", first.xLabel(), first.yLabel(),
                first.scatter(), first.logX(), all, null);
    }
}
