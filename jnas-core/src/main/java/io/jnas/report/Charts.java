package io.jnas.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Line and scatter charts written as PNG (headless XChart), atomically. */
public final class Charts {
    private Charts() {
    }

    /** One chart with a line per series; x values shared. */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<? extends Number> x,
            Map<String, List<? extends Number>> series) throws IOException {
        XYChart chart = chart(640, 400, title, xLabel, yLabel);
        for (Map.Entry<String, List<? extends Number>> s : series.entrySet()) {
            if (!s.getValue().isEmpty()) {
                chart.addSeries(s.getKey(), x, s.getValue());
            }
        }
        save(png, chart);
    }

    /** A scatter plot of (x, y) points. */
    public static void scatter(Path png, String title, String xLabel, String yLabel, List<Double> x, List<Double> y)
            throws IOException {
        XYChart chart = chart(560, 420, title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(4);
        chart.addSeries("architectures", x, y);
        save(png, chart);
    }

    private static XYChart chart(int w, int h, String title, String xLabel, String yLabel) {
        System.setProperty("java.awt.headless", "true");
        return new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    }

    private static void save(Path png, XYChart chart) throws IOException {
        io.jnas.run.AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
