package io.jnas.ui;

import io.jnas.ui.ChartData.Series;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

/** Charts drawn on the server as PNG by XChart (headless): the page loads images, no script library. */
final class ChartImages {
    private static final int W = 560;
    private static final int H = 360;

    private ChartImages() {
    }

    static byte[] png(ChartData c) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Chart<?, ?> chart = c.heat() != null ? heat(c) : xy(c);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart xy(ChartData c) {
        XYChart chart = new XYChartBuilder().width(W).height(H).title(c.title()).xAxisTitle(c.xLabel())
                .yAxisTitle(c.yLabel()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(c.scatter() ? XYSeries.XYSeriesRenderStyle.Scatter
                : XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(c.scatter() ? 5 : 3);
        chart.getStyler().setXAxisLogarithmic(c.logX());
        chart.getStyler().setLegendVisible(c.series().size() > 1);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        boolean any = false;
        for (Series s : c.series()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                double xi = s.x().get(i);
                double yi = s.y().get(i);
                if (Double.isFinite(xi) && Double.isFinite(yi) && (!c.logX() || xi > 0)) {
                    x.add(xi);
                    y.add(yi);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(unique(chart, s.name()), x, y);
                any = true;
            }
        }
        if (!any) {
            chart.addSeries("no points yet", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private static String unique(XYChart chart, String name) {
        String n = name;
        for (int k = 2; chart.getSeries(n) != null; k++) {
            n = name + " (" + k + ")";
        }
        return n;
    }

    private static HeatMapChart heat(ChartData c) {
        ChartData.Heat h = c.heat();
        HeatMapChart chart = new HeatMapChartBuilder().width(W).height(Math.max(H, 60 + 28 * h.rows().size()))
                .title(c.title()).xAxisTitle(c.xLabel()).yAxisTitle(c.yLabel()).build();
        chart.getStyler().setShowValue(true);
        // the weights of 5 operations start near 0.2 each: a 0..1 scale would hide how they move apart
        double lo = java.util.Arrays.stream(h.values()).flatMapToDouble(java.util.Arrays::stream).min().orElse(0);
        double hi = java.util.Arrays.stream(h.values()).flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
        chart.getStyler().setMin(Math.floor(lo * 100) / 100);
        chart.getStyler().setMax(Math.max(Math.ceil(hi * 100) / 100, Math.floor(lo * 100) / 100 + 0.01));
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < h.rows().size(); r++) {
            for (int k = 0; k < h.columns().size(); k++) {
                cells.add(new Number[] {k, r, Math.round(h.values()[r][k] * 100) / 100.0});
            }
        }
        chart.addSeries("α", h.columns(), h.rows(), cells);
        return chart;
    }
}
