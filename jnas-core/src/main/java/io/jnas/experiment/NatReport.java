package io.jnas.experiment;

import io.jnas.report.Report;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.search.nat.Member;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** front.csv, front.json, the front and archive plots, the hypervolume curve and report.html of a NAT search. */
final class NatReport {
    private NatReport() {
    }

    static <A> void write(RunDir run, NatResult res, List<Member<A>> archive, List<Double> hv) throws IOException {
        List<Map<String, Object>> rows = res.front().stream().map(Json::toMap).toList();
        List<String> cols = new ArrayList<>(rows.isEmpty() ? List.of("arch") : rows.get(0).keySet());
        StringBuilder csv = new StringBuilder(String.join(",", cols)).append('\n');
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String col : cols) {
                String v = String.valueOf(r.get(col));
                cells.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        AtomicFiles.writeString(run.file("front.csv"), csv.toString());
        AtomicFiles.writeString(run.file("front.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        List<Double> err = rows.stream().map(r -> ((Number) r.get("error")).doubleValue()).toList();
        List<Double> params = rows.stream().map(r -> ((Number) r.get("params")).doubleValue() / 1e6).toList();
        List<Double> macs = rows.stream().map(r -> ((Number) r.get("macs")).doubleValue() / 1e6).toList();
        Report r = Report.of(run, "jnas search nat (" + res.strategy() + ")").result(res);
        if (!hv.isEmpty()) {
            List<Integer> its = new ArrayList<>();
            for (int i = 0; i < hv.size(); i++) {
                its.add(i);
            }
            r.section("Hypervolume").curves("hypervolume.png", "Archive hypervolume", "iteration", "hypervolume", its,
                    Map.of("hv", hv));
        }
        r.section("Front").scatter("front_error_params.png", "Front: error vs parameters", "params (M)", "error (%)", params, err)
                .scatter("front_error_macs.png", "Front: error vs MACs", "MACs (M)", "error (%)", macs, err)
                .scatter("front_params_macs.png", "Front: parameters vs MACs", "MACs (M)", "params (M)", macs, params)
                .table(cols, rows);
        if (!rows.isEmpty() && rows.stream().allMatch(x -> x.get("latency_ms") != null)) {
            List<Double> lat = rows.stream().map(x -> ((Number) x.get("latency_ms")).doubleValue()).toList();
            List<Double> pred = rows.stream().map(x -> ((Number) x.get("predicted_latency_ms")).doubleValue()).toList();
            r.section("Latency").scatter("front_error_latency.png", "Front: error vs measured latency", "latency (ms)",
                    "error (%)", lat, err).scatter("front_latency_predicted.png", "Front: predicted vs measured latency",
                    "measured (ms)", "predicted (ms)", lat, pred);
        }
        r.section("Archive").scatter("archive_error_macs.png", "Archive: search error vs MACs", "MACs (M)", "error (%)",
                archive.stream().map(x -> x.macs() / 1e6).toList(), archive.stream().map(Member::error).toList());
        r.write();
    }
}
