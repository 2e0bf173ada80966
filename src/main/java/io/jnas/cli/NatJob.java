package io.jnas.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.NoGrad;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.report.Charts;
import io.jnas.report.Html;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import io.jnas.run.TensorFile;
import io.jnas.run.Versions;
import io.jnas.search.nat.Member;
import io.jnas.search.nat.NatConfig;
import io.jnas.search.nat.NatSearch;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.train.Evaluation;
import io.jnas.train.ofa.SubnetEvaluation;
import io.jnas.train.ofa.SupernetTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jnas search nat}: the NATv2 (or NAT) loop on a trained super-network. Without
 * {@code --supernet} the job first trains one in {@code DIR/supernet} (resumable like any run).
 * Subnets are scored on the super-network run's validation split with inherited, BN-recalibrated
 * weights; every score is appended to metrics.jsonl (replayed on resume), and after every
 * iteration the archive, hypervolume and adapted weights are checkpointed. At the end the
 * non-dominated archive is re-tested on the test split and exported.
 *
 * @param nat loop settings
 * @param supernetDir trained super-network run, or null to train one first
 * @param supernet the super-network training to run first when supernetDir is null
 * @param adaptLr adaptation SGD learning rate (reference 2.5e-3)
 * @param adaptWd adaptation weight decay (reference 3e-4)
 * @param adaptSubnets subnets per adaptation step (reference 4)
 * @param export number of front subnets exported with weights
 */
public record NatJob(NatConfig nat, String supernetDir, SupernetJob supernet, double adaptLr, double adaptWd,
        int adaptSubnets, int export) {

    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "search-nat");
        c.put("seed", nat.seed());
        c.put("nat", Json.MAPPER.convertValue(nat, new TypeReference<Map<String, Object>>() {
        }));
        c.put("supernet_dir", supernetDir);
        c.put("supernet", supernet == null ? null : supernet.toConfig());
        c.put("adapt_lr", adaptLr);
        c.put("adapt_wd", adaptWd);
        c.put("adapt_subnets", adaptSubnets);
        c.put("export", export);
        c.put("versions", Versions.all());
        return c;
    }

    @SuppressWarnings("unchecked")
    public static NatJob fromConfig(Map<String, Object> c) {
        try {
            Object sj = c.get("supernet");
            return new NatJob(Json.MAPPER.convertValue(c.get("nat"), NatConfig.class), (String) c.get("supernet_dir"),
                    sj == null ? null : SupernetJob.fromConfig((Map<String, Object>) sj),
                    ((Number) c.get("adapt_lr")).doubleValue(), ((Number) c.get("adapt_wd")).doubleValue(),
                    ((Number) c.get("adapt_subnets")).intValue(), ((Number) c.get("export")).intValue());
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new UserError("config.yaml does not describe a NAT search (" + String.valueOf(e.getMessage())
                    .split("\n")[0] + ")");
        }
    }

    public Map<String, Object> start(Path dir, Output out) throws IOException {
        RunDir run = RunDir.create(dir);
        run.writeConfig(toConfig());
        out.info("run directory: " + dir);
        return execute(run, out);
    }

    public Map<String, Object> execute(RunDir run, Output out) throws IOException {
        long t0 = System.nanoTime();
        Path snDir = supernetDir != null ? Path.of(supernetDir) : run.dir().resolve("supernet");
        if (supernetDir == null && !Files.isRegularFile(snDir.resolve("result.json"))) {
            out.info("training the super-network first: " + snDir);
            if (Files.isRegularFile(snDir.resolve("config.yaml"))) {
                supernet.execute(RunDir.open(snDir), out);
            } else {
                supernet.start(snDir, out);
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            SupernetJob.Loaded loaded = SupernetJob.load(snDir, m);
            SupernetJob sj = loaded.job();
            OfaNetwork net = loaded.net();
            Dataset d = sj.data().load();
            ImageData[] tv = sj.splits(d);
            Normalization norm = Normalization.of(tv[0]);
            OfaSpace space = sj.ofaSpace();
            out.info(String.format("NAT (%s) on %s super-network %s: %d train / %d validation / %d test images", nat.policy(),
                    sj.space(), snDir, tv[0].size(), tv[1].size(), d.test().size()));
            SupernetTrainer adapter = new SupernetTrainer(net, m, sj.train(), tv[0], tv[1], null, out::info);
            if (nat.adaptEpochs() > 0) {
                adapter.freezeTeacher();
            }
            int evalBatch = Math.max(sj.train().batch(), 128);
            int recal = sj.train().recalibImages();

            // resume: archive, hypervolume and adapted weights of the last finished iteration; scores replayed
            List<Member> archive = new ArrayList<>();
            List<Double> hv = new ArrayList<>();
            int done = -1;
            var ck = run.loadCheckpoint(m);
            if (ck.isPresent()) {
                Map<String, Object> st = ck.get().state();
                done = ((Number) st.get("iteration")).intValue();
                for (Object o : (List<?>) st.get("archive")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> mm = (Map<String, Object>) o;
                    archive.add(Member.fromMap(mm));
                }
                for (Object o : (List<?>) st.get("hypervolume")) {
                    hv.add(((Number) o).doubleValue());
                }
                try (NoGrad ng = new NoGrad()) {
                    TensorFile.copyInto(ck.get().tensors().get("model"), net.namedArrays(), "super-network");
                }
                out.info("resumed after iteration " + done + " of " + nat.iterations());
            }
            Map<String, Double> replay = new LinkedHashMap<>();
            for (Map<String, Object> r : run.readMetrics()) {
                if (r.containsKey("subnet")) {
                    replay.put(r.get("iteration") + "|" + r.get("subnet"), ((Number) r.get("error")).doubleValue());
                }
            }
            int[] evaluated = {0};
            NatSearch search = new NatSearch(space, nat, sj.spec().inChannels(), sj.spec().classes());
            NatSearch.Scorer scorer = (s, it) -> {
                evaluated[0]++;
                Double e = replay.get(it + "|" + s);
                if (e != null) {
                    return e;
                }
                long te = System.nanoTime();
                Evaluation ev = SubnetEvaluation.of(net, s, m, tv[0], tv[1], norm, recal, evalBatch, nat.seed());
                double err = 100.0 - ev.top1();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("iteration", it);
                row.put("subnet", s.toString());
                row.put("error", err);
                row.put("seconds", (System.nanoTime() - te) / 1e9);
                run.appendMetrics(row);
                return err;
            };
            NatSearch.Adapter adapt = (sampler, it) -> adapter.adapt(sampler, nat.adaptEpochs(), adaptLr, adaptWd,
                    adaptSubnets, Seeds.mix(nat.seed(), 9, it));
            NatSearch.Listener listener = (it, arch, h) -> {
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("iteration", it);
                st.put("archive", arch.stream().map(Member::toMap).toList());
                st.put("hypervolume", h);
                run.saveCheckpoint(Map.of("model", net.namedArrays()), st);
            };
            archive = search.run(archive, hv, done, scorer, adapt, listener, out::info);
            hv = new ArrayList<>();
            for (Object o : (List<?>) run.loadCheckpoint(m).orElseThrow().state().get("hypervolume")) {
                hv.add(((Number) o).doubleValue());
            }
            return finish(run, out, m, net, search, archive, hv, tv, d, norm, recal, evalBatch, t0, evaluated[0], snDir);
        }
    }

    private Map<String, Object> finish(RunDir run, Output out, NDManager m, OfaNetwork net, NatSearch search,
            List<Member> archive, List<Double> hv, ImageData[] tv, Dataset d, Normalization norm, int recal, int batch,
            long t0, int evaluated, Path snDir) throws IOException {
        List<Member> front = new ArrayList<>(NatSearch.nondominated(archive, nat.objectives()));
        front.sort(Comparator.comparingLong(Member::macs));
        out.info("testing the " + front.size() + " non-dominated subnets on the test split");
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean[] knee = NatSearch.highTradeoff(front, nat.objectives());
        Path subnets = run.file("subnets");
        Files.createDirectories(subnets);
        for (int i = 0; i < front.size(); i++) {
            Member f = front.get(i);
            try (NDManager sm = m.newSubManager()) {
                OfaNetwork sub = SubnetEvaluation.extract(net, f.subnet(), sm, tv[0], norm, recal, batch, nat.seed());
                Evaluation ev = Evaluation.of(sub, sm, d.test(), norm, batch);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("subnet", f.subnet().toString());
                r.put("error", round(100.0 - ev.top1()));
                r.put("val_error", round(f.error()));
                r.put("params", f.params());
                r.put("macs", f.macs());
                r.put("high_tradeoff", knee[i]);
                rows.add(r);
                if (i < export) {
                    TensorFile.write(subnets.resolve(i + ".safetensors"), sub.namedArrays()); // atomic
                    AtomicFiles.writeString(subnets.resolve(i + ".json"), f.subnet().toString() + "\n");
                }
            }
        }
        StringBuilder csv = new StringBuilder("subnet,error,val_error,params,macs,high_tradeoff\n");
        for (Map<String, Object> r : rows) {
            csv.append('"').append(((String) r.get("subnet")).replace("\"", "\"\"")).append("\",").append(r.get("error"))
                    .append(',').append(r.get("val_error")).append(',').append(r.get("params")).append(',')
                    .append(r.get("macs")).append(',').append(r.get("high_tradeoff")).append('\n');
        }
        AtomicFiles.writeString(run.file("front.csv"), csv.toString());
        AtomicFiles.writeString(run.file("front.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("policy", nat.policy());
        res.put("objectives", nat.objectives());
        res.put("front", rows);
        res.put("hypervolume", hv.stream().map(NatJob::round).toList());
        Map<String, Object> best = rows.stream().min(Comparator.comparingDouble(r -> (Double) r.get("error"))).orElseThrow();
        res.put("best_error", best.get("error"));
        res.put("best", best.get("subnet"));
        res.put("evaluated", evaluated);
        res.put("archive", archive.size());
        res.put("supernet", snDir.toString());
        res.put("seconds", round((System.nanoTime() - t0) / 1e9));
        res.put("seed", nat.seed());
        res.put("run_dir", run.dir().toString());
        run.writeResult(res);
        report(run, res, rows, archive, hv);
        return res;
    }

    private void report(RunDir run, Map<String, Object> res, List<Map<String, Object>> rows, List<Member> archive,
            List<Double> hv) throws IOException {
        List<Double> err = rows.stream().map(r -> (Double) r.get("error")).toList();
        List<Double> params = rows.stream().map(r -> ((Number) r.get("params")).doubleValue() / 1e6).toList();
        List<Double> macs = rows.stream().map(r -> ((Number) r.get("macs")).doubleValue() / 1e6).toList();
        Charts.scatter(run.file("front_error_params.png"), "Front: test error vs parameters", "params (M)", "error (%)",
                params, err);
        Charts.scatter(run.file("front_error_macs.png"), "Front: test error vs MACs", "MACs (M)", "error (%)", macs, err);
        Charts.scatter(run.file("front_params_macs.png"), "Front: parameters vs MACs", "MACs (M)", "params (M)", macs, params);
        List<Double> aErr = archive.stream().map(Member::error).toList();
        List<Double> aMacs = archive.stream().map(x -> x.macs() / 1e6).toList();
        Charts.scatter(run.file("archive_error_macs.png"), "Archive: validation error vs MACs", "MACs (M)", "error (%)", aMacs,
                aErr);
        List<Integer> its = new ArrayList<>();
        for (int i = 0; i < hv.size(); i++) {
            its.add(i);
        }
        Charts.lines(run.file("hypervolume.png"), "Archive hypervolume", "iteration", "hypervolume", its, Map.of("hv", hv));
        Map<String, Object> summary = new LinkedHashMap<>(res);
        summary.remove("front");
        Html h = new Html("jnas search nat (" + nat.policy() + ")").h2("Result").kv(summary)
                .h2("Hypervolume").img("hypervolume.png")
                .h2("Front (test split)").img("front_error_params.png").img("front_error_macs.png").img("front_params_macs.png")
                .table(List.of("subnet", "error", "val_error", "params", "macs", "high_tradeoff"), rows)
                .h2("Archive").img("archive_error_macs.png");
        h.h2("Configuration").pre(Files.readString(run.file("config.yaml")));
        AtomicFiles.writeString(run.file("report.html"), h.build());
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
