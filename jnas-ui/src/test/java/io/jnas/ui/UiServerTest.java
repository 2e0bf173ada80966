package io.jnas.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.run.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over HTTP: the API's JSON, charts as PNG, read-only, nothing outside the folder, the token off loopback. */
class UiServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path tmp;

    private static HttpResponse<byte[]> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private Path trainRun() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("runs"));
        Path run = RunFolderTest.run(root.resolve("t1"), "train");
        StringBuilder m = new StringBuilder();
        for (int e = 1; e <= 3; e++) {
            m.append(Json.write(Map.of("epoch", e, "train_loss", 2.0 / e, "test_top1", 40.0 + e, "images_per_second", 900)))
                    .append('\n');
        }
        m.append("{\"epoch\": 4, \"train_lo"); // a line being written
        Files.writeString(run.resolve("metrics.jsonl"), m.toString());
        RunFolderTest.status(run, "running", ProcessHandle.current().pid(), io.jnas.run.RunStatus.host(),
                RunFolderTest.born(), Instant.now());
        Files.writeString(tmp.resolve("secret.json"), "{\"secret\": 1}");
        return root;
    }

    @Test
    void servesRunsChartsAndFilesReadOnly() throws Exception {
        try (UiServer s = UiServer.start(trainRun(), "127.0.0.1", 0)) {
            assertThat(s.token()).isNull();
            List<Map<String, Object>> runs = Json.MAPPER.readValue(get(s.port(), "/api/runs").body(),
                    new TypeReference<List<Map<String, Object>>>() {
                    });
            assertThat(runs).singleElement().satisfies(r -> {
                assertThat(r).containsEntry("id", "t1").containsEntry("command", "train").containsEntry("status", "running")
                        .containsEntry("progress", 0.5).containsKeys("started", "eta_seconds", "result");
            });
            Map<String, Object> detail = Json.MAPPER.readValue(get(s.port(), "/api/run?id=t1").body(),
                    new TypeReference<Map<String, Object>>() {
                    });
            assertThat(((List<?>) detail.get("charts")).stream().map(c -> String.valueOf(((Map<?, ?>) c).get("name"))).toList())
                    .containsExactly("loss", "accuracy", "throughput");
            assertThat((List<?>) detail.get("charts")).first().satisfies(c -> assertThat(((Map<?, ?>) c).get("points"))
                    .isEqualTo(3));
            HttpResponse<byte[]> png = get(s.port(), "/api/chart.png?id=t1&name=loss");
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
            assertThat(new String(png.body(), 1, 3)).isEqualTo("PNG");
            assertThat(get(s.port(), "/api/compare.png?ids=t1,t1&name=accuracy").statusCode()).isEqualTo(200);
            assertThat(get(s.port(), "/").statusCode()).isEqualTo(200);
            assertThat(get(s.port(), "/api/file?id=t1&name=config.yaml").statusCode()).isEqualTo(200);
            for (String bad : List.of("/api/file?id=t1&name=../../secret.json", "/api/file?id=..&name=secret.json",
                    "/api/run?id=../runs/t1", "/api/file?id=t1&name=%2e%2e/%2e%2e/secret.json", "/api/chart.png?id=t1&name=nope",
                    "/api/file?id=t1&name=metrics.sh")) {
                HttpResponse<byte[]> r = get(s.port(), bad);
                assertThat(r.statusCode()).as(bad).isEqualTo(404);
                assertThat(new String(r.body())).as(bad).doesNotContain("secret\"");
            }
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/api/runs")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isIn(404, 405);
        }
    }

    @Test
    void anyOtherAddressThanLoopbackNeedsTheToken() throws Exception {
        try (UiServer s = UiServer.start(trainRun(), "0.0.0.0", 0)) {
            assertThat(s.token()).hasSize(32);
            assertThat(get(s.port(), "/api/runs").statusCode()).isEqualTo(403);
            assertThat(get(s.port(), "/").statusCode()).isEqualTo(403);
            assertThat(get(s.port(), "/api/runs?token=" + "0".repeat(32)).statusCode()).isEqualTo(403);
            HttpResponse<byte[]> ok = get(s.port(), "/api/runs?token=" + s.token());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("set-cookie")).hasValueSatisfying(c -> assertThat(c)
                    .startsWith("jnas_token=" + s.token()).contains("HttpOnly"));
            HttpResponse<byte[]> cookie = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/api/runs")).header("Cookie", "jnas_token=" + s.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(cookie.statusCode()).isEqualTo(200);
        }
    }
}
