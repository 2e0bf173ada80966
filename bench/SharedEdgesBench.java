import io.jnas.data.ImageData;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.search.darts.DifferentiableSearch;
import io.jnas.search.darts.SearchConfig;
import java.util.Arrays;

/**
 * Paired timing of first-order search steps (α update + weight update, as {@code jnas bench supernet}) with the edges'
 * shared work on and off, alternating step by step in one process so that the machine's drift cancels in each pair's
 * ratio. Run by bench/shared_edges.sh: arguments space (darts or nb201), C, cells (per stage for nb201), batch, pairs,
 * and optionally the objective (supervised, the default, or mae).
 */
public final class SharedEdgesBench {
    private SharedEdgesBench() {
    }

    public static void main(String[] a) {
        try {
            run(a);
        } catch (IllegalArgumentException e) { // bad arguments: one line, exit 2
            System.err.println("shared_edges: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] a) {
        if (a.length < 5) {
            throw new IllegalArgumentException("give SPACE C CELLS BATCH PAIRS [OBJECTIVE], e.g. darts 8 5 32 12 mae");
        }
        String space = a[0];
        int c = Integer.parseInt(a[1]);
        int layers = Integer.parseInt(a[2]);
        int batch = Integer.parseInt(a[3]);
        int pairs = Integer.parseInt(a[4]);
        String objective = a.length > 5 ? a[5] : "supervised";
        SearchConfig cfg = new SearchConfig(space, objective, MaeObjective.Config.DEFAULT, c, layers, 10, batch, 0.025,
                0.001, 0.9, 3e-4, 5, 3e-4, 1e-3, SearchOptions.PLAIN, true, 0);
        double[] shared = new double[pairs];
        double[] alone = new double[pairs];
        try (DifferentiableSearch s = new DifferentiableSearch(cfg, ImageData.noise(4 * batch, 32, 0))) {
            s.timeSteps(2, 1); // warm-up
            for (int i = 0; i < pairs; i++) {
                for (int k = 0; k < 2; k++) {
                    boolean on = (i + k) % 2 == 0; // which goes first alternates
                    s.supernet().shareEdgeWork(on);
                    (on ? shared : alone)[i] = s.timeSteps(0, 1)[0];
                }
            }
        }
        double[] ratio = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            ratio[i] = shared[i] / alone[i];
        }
        System.out.printf("%s %s C=%d cells %d batch %d, %d pairs: shared %.1f ms, per edge %.1f ms (medians); shared / per edge "
                + "%.3f (median of the pairs' ratios, range %.3f-%.3f)%n", space, objective, c, layers, batch, pairs, median(shared),
                median(alone), median(ratio), Arrays.stream(ratio).min().getAsDouble(), Arrays.stream(ratio).max().getAsDouble());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length;
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }
}
