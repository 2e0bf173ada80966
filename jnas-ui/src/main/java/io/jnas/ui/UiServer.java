package io.jnas.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.jnas.run.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The web page of {@code jnas ui}: a read-only view of the runs under one folder (Javalin on Jetty). The page polls
 * {@code /api/runs} and the open run every second; charts are PNG drawn on the server ({@link ChartImages}), so the
 * page needs nothing from the internet. It binds 127.0.0.1 unless told otherwise; on any other address every request
 * must carry the token printed at start (as {@code ?token=}, which the page then keeps in a same-site cookie).
 * Only GET is answered, and nothing outside the folder: run names and file names are checked by {@link RunFolder}.
 *
 * <p>API: {@code GET /api/runs} (every run: id, command, status, progress, eta_seconds, started, result),
 * {@code /api/run?id=} (one run: its summary, charts, images, configuration and result),
 * {@code /api/chart.png?id=&name=}, {@code /api/compare.png?ids=A,B&name=}, {@code /api/arch?id=&arch=},
 * {@code /api/file?id=&name=} (a run's png, json, csv, yaml or html file).
 */
public final class UiServer implements AutoCloseable {
    private static final List<String> FILE_TYPES = List.of(".png", ".json", ".csv", ".yaml", ".html", ".jsonl");
    private final RunFolder runs;
    private final String token;
    private final Javalin app;

    private UiServer(RunFolder runs, String token, Javalin app) {
        this.runs = runs;
        this.token = token;
        this.app = app;
    }

    /**
     * Serves the runs under {@code folder} on {@code host:port} (port 0: any free one). A token is made when the host
     * is not a loopback address.
     */
    public static UiServer start(Path folder, String host, int port) throws IOException {
        RunFolder runs = new RunFolder(folder);
        boolean loopback = InetAddress.getByName(host).isLoopbackAddress();
        String token = loopback ? null : HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        UiServer[] self = new UiServer[1];
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.routes.before(ctx -> self[0].authorize(ctx));
            cfg.routes.get("/", ctx -> self[0].resource(ctx, "index.html", "text/html; charset=utf-8"));
            cfg.routes.get("/app.js", ctx -> self[0].resource(ctx, "app.js", "text/javascript; charset=utf-8"));
            cfg.routes.get("/style.css", ctx -> self[0].resource(ctx, "style.css", "text/css; charset=utf-8"));
            cfg.routes.get("/api/runs", ctx -> json(ctx, self[0].runs.list()));
            cfg.routes.get("/api/info", ctx -> json(ctx, Map.of("folder", self[0].runs.root().toString())));
            cfg.routes.get("/api/run", ctx -> json(ctx, RunDetail.of(self[0].runs, ctx.queryParam("id"))));
            cfg.routes.get("/api/chart.png", ctx -> self[0].chart(ctx));
            cfg.routes.get("/api/compare.png", ctx -> self[0].compare(ctx));
            cfg.routes.get("/api/arch", ctx -> json(ctx, ArchDetail.of(self[0].runs, ctx.queryParam("id"),
                    ctx.queryParam("arch"))));
            cfg.routes.get("/api/file", ctx -> self[0].file(ctx));
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(404).contentType("application/json")
                    .result(Json.write(Map.of("error", e.getMessage()))));
        });
        self[0] = new UiServer(runs, token, app);
        app.start();
        return self[0];
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The token every request needs, or null on a loopback address. */
    public String token() {
        return token;
    }

    /** The folder it serves. */
    public Path folder() {
        return runs.root();
    }

    private void authorize(Context ctx) {
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
            throw new io.javalin.http.MethodNotAllowedResponse("jnas ui is read-only");
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        if (token == null) {
            return;
        }
        String given = ctx.queryParam("token");
        if (given == null) {
            given = ctx.header("X-Jnas-Token");
        }
        if (given == null) {
            given = ctx.cookie("jnas_token");
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(), token.getBytes())) {
            throw new ForbiddenResponse("this jnas ui needs the token it printed at start: open the address it printed");
        }
        ctx.header("Set-Cookie", "jnas_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    }

    private void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = UiServer.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jnas-ui jar lacks web/" + name);
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private void chart(Context ctx) throws IOException {
        ChartData c = RunCharts.named(runs.resolve(ctx.queryParam("id")), ctx.queryParam("name"));
        if (c == null) {
            throw new IllegalArgumentException("run " + ctx.queryParam("id") + " has no chart " + ctx.queryParam("name"));
        }
        png(ctx, ChartImages.png(c));
    }

    private void compare(Context ctx) throws IOException {
        String ids = ctx.queryParam("ids");
        List<String> list = ids == null ? List.of() : Arrays.stream(ids.split(",")).filter(s -> !s.isBlank()).toList();
        String name = ctx.queryParam("name");
        List<ChartData> charts = new java.util.ArrayList<>();
        List<String> named = new java.util.ArrayList<>();
        for (String id : list) {
            ChartData c = RunCharts.named(runs.resolve(id), name);
            if (c != null && c.heat() == null) {
                charts.add(c);
                named.add(id);
            }
        }
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("none of the runs " + ids + " has a chart " + name);
        }
        png(ctx, ChartImages.png(ChartData.overlay(named, charts)));
    }

    private void file(Context ctx) throws IOException {
        String name = ctx.queryParam("name");
        if (name == null || FILE_TYPES.stream().noneMatch(name::endsWith)) {
            throw new IllegalArgumentException("jnas ui serves a run's " + String.join(", ", FILE_TYPES) + " files only");
        }
        Path f = runs.file(ctx.queryParam("id"), name);
        String type = name.endsWith(".png") ? "image/png" : name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8";
        ctx.contentType(type).result(Files.readAllBytes(f));
    }

    private static void png(Context ctx, byte[] bytes) {
        ctx.header("Cache-Control", "no-store").contentType("image/png").result(bytes);
    }

    private static void json(Context ctx, Object value) {
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(Json.write(value));
    }

    @Override
    public void close() {
        app.stop();
    }
}
