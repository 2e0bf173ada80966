package io.jnas.report;

import io.jnas.run.AtomicFiles;
import io.jnas.run.RunDir;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Pictures of a search: α heat maps, reconstructions, cell diagrams (Graphviz DOT, SVG when dot exists). */
public final class SearchReport {
    private SearchReport() {
    }

    /**
     * Heat map of softmax(α): one panel per matrix, rows = edges, columns = operations. Colour spans each row's range;
     * the numbers are softmax(α) minus the uniform 1/K with three decimals, so early, near-uniform α shows its
     * differences (".20" everywhere said nothing).
     */
    public static void alphaHeatmap(Path png, List<String> names, List<double[][]> alphas, List<String> ops)
            throws IOException {
        int cell = 24;
        int left = 40;
        int top = 110;
        int panelW = left + ops.size() * cell + 30;
        int rows = alphas.stream().mapToInt(a -> a.length).max().orElse(1);
        BufferedImage img = new BufferedImage(panelW * alphas.size() + 10, top + rows * cell + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int k = 0; k < alphas.size(); k++) {
            double[][] a = alphas.get(k);
            int x0 = k * panelW + left;
            g.setColor(Color.BLACK);
            g.drawString("softmax(α) − 1/" + ops.size() + ", " + names.get(k), x0, 14);
            for (int o = 0; o < ops.size(); o++) {
                Graphics2D r = (Graphics2D) g.create();
                r.translate(x0 + o * cell + cell / 2 + 3, top - 4);
                r.rotate(-Math.PI / 2.6);
                r.drawString(ops.get(o), 0, 0);
                r.dispose();
            }
            for (int e = 0; e < a.length; e++) {
                g.setColor(Color.BLACK);
                g.drawString("e" + e, x0 - 28, top + e * cell + 15);
                double max = Double.NEGATIVE_INFINITY;
                double min = Double.POSITIVE_INFINITY;
                for (double v : a[e]) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
                // colour spans each row's range (α stays close to uniform early on); the value is printed
                for (int o = 0; o < a[e].length; o++) {
                    float t = (float) ((a[e][o] - min) / Math.max(max - min, 1e-9));
                    g.setColor(new Color(1 - t * 0.85f, 1 - t * 0.55f, 1f));
                    g.fillRect(x0 + o * cell, top + e * cell, cell - 1, cell - 1);
                    g.setColor(t > 0.6f ? Color.WHITE : Color.DARK_GRAY);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
                    g.drawString(relative(a[e][o] - 1.0 / a[e].length), x0 + o * cell + 1, top + e * cell + 14);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                }
            }
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    /**
     * Rows of images side by side (e.g. original / masked / reconstructed), each (C, H, W) in
     * [0, 1] float, planar; scaled up 3×.
     */
    public static void imageGrid(Path png, List<String> rowNames, List<List<float[]>> rows, int c, int h, int w)
            throws IOException {
        int s = 3;
        int cols = rows.get(0).size();
        BufferedImage img = new BufferedImage(110 + cols * (w * s + 4), rows.size() * (h * s + 4), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        for (int r = 0; r < rows.size(); r++) {
            g.drawString(rowNames.get(r), 4, r * (h * s + 4) + h * s / 2);
            for (int k = 0; k < cols; k++) {
                float[] v = rows.get(r).get(k);
                for (int y = 0; y < h * s; y++) {
                    for (int x = 0; x < w * s; x++) {
                        int p = (y / s) * w + (x / s);
                        int rr = clamp(v[p]);
                        int gg = c > 1 ? clamp(v[h * w + p]) : rr;
                        int bb = c > 2 ? clamp(v[2 * h * w + p]) : rr;
                        img.setRGB(110 + k * (w * s + 4) + x, r * (h * s + 4) + y, (rr << 16) | (gg << 8) | bb);
                    }
                }
            }
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    /** "+.012", "−.004", "+1.0": three decimals without the leading zero, so it fits a cell. */
    static String relative(double v) {
        String s = String.format(java.util.Locale.ROOT, "%+.3f", v);
        return s.replace("+0.", "+.").replace("-0.", "−.").replace("-", "−");
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    /** Writes NAME.dot and, when Graphviz is installed, NAME.svg; returns the files written. */
    public static List<String> writeDiagram(RunDir run, String name, String dot) throws IOException {
        List<String> out = new ArrayList<>();
        AtomicFiles.writeString(run.file(name + ".dot"), dot);
        out.add(name + ".dot");
        try {
            Process p = new ProcessBuilder("dot", "-Tsvg", "-o", run.file(name + ".svg").toString(),
                    run.file(name + ".dot").toString()).redirectErrorStream(true).start();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(run.file(name + ".svg"))) {
                out.add(name + ".svg");
            }
        } catch (IOException e) {
            // Graphviz not installed: the DOT file is still there
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
