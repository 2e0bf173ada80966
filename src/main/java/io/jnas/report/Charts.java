package io.jnas.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Line charts written as PNG (headless XChart), atomically. */
public final class Charts {
    private Charts() {
    }

    /** One chart with a line per series; x values shared. */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<? extends Number> x,
            Map<String, List<? extends Number>> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        for (Map.Entry<String, List<? extends Number>> s : series.entrySet()) {
            if (!s.getValue().isEmpty()) {
                chart.addSeries(s.getKey(), x, s.getValue());
            }
        }
        io.jnas.run.AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
