package io.jnas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server the test runs on 127.0.0.1. */
class DownloaderTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private byte[] archive;

    @BeforeEach
    void serve() throws Exception {
        Path src = tmp.resolve("src/mnist");
        Fixtures.idx(src, "train", 30, 4, 4, 10, true);
        Fixtures.idx(src, "t10k", 10, 4, 4, 10, true);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            byte[] body = Files.readAllBytes(src.resolve(f));
            if (archive == null) {
                archive = body;
            }
            server.createContext("/" + f, ex -> {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
        }
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String f) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + f);
    }

    private Downloader.Digest sha(String f) throws Exception {
        return Downloader.Digest.sha256(Downloader.digest(tmp.resolve("src/mnist").resolve(f), "SHA-256"));
    }

    @Test
    void verifiedDownloadLandsAtomically() throws Exception {
        Path dest = tmp.resolve("cache/x.gz");
        new Downloader().fetch(url("train-images-idx3-ubyte.gz"), dest, sha("train-images-idx3-ubyte.gz"));
        assertThat(Files.readAllBytes(dest)).isEqualTo(archive);
    }

    @Test
    void digestMismatchKeepsNothing() {
        Path dest = tmp.resolve("cache/x.gz");
        assertThatThrownBy(() -> new Downloader().fetch(url("train-images-idx3-ubyte.gz"), dest,
                Downloader.Digest.sha256("00".repeat(32)))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining("expected 0000");
        assertThat(dest).doesNotExist();
        assertThat(dest.getParent().toFile().list()).isEmpty();
    }

    @Test
    void resolverDownloadsWhatIsMissing() throws Exception {
        List<DatasetResolver.Remote> remotes = new java.util.ArrayList<>();
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            remotes.add(new DatasetResolver.Remote(url(f), "mnist/" + f, sha(f)));
        }
        Path cache = tmp.resolve("cache");
        DatasetResolver r = new DatasetResolver(Map.of("mnist", remotes), List.of(cache));
        assertThatThrownBy(() -> r.load("mnist", DataOptions.defaults())).hasMessageContaining("--download");
        Dataset d = r.load("mnist", DataOptions.defaults().withDownload(true));
        assertThat(d.train().size()).isEqualTo(30);
        assertThat(cache.resolve("mnist/t10k-labels-idx1-ubyte.gz")).exists();
    }

    @Test
    void fashionMnistFromAMirror() throws Exception {
        Path debian = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(debian),
                "skipped: install Debian's dataset-fashion-mnist package (the test serves its files)");
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            byte[] body = Files.readAllBytes(debian.resolve(f));
            server.createContext("/mirror/fashion-mnist/" + f, ex -> {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
        }
        // Debian re-compresses the archives, so the publisher's MD5s cannot be checked on them here: the
        // official entries are kept (names, cache layout) with the served files' SHA-256 pinned instead
        List<DatasetResolver.Remote> pinned = new java.util.ArrayList<>();
        for (DatasetResolver.Remote o : DatasetResolver.officialRegistry().get("fashion-mnist")) {
            Path served = debian.resolve(Path.of(o.file()).getFileName());
            pinned.add(new DatasetResolver.Remote(o.url(), o.file(),
                    Downloader.Digest.sha256(Downloader.digest(served, "SHA-256"))));
        }
        Path cache = tmp.resolve("home/.cache/jnas/datasets");
        DatasetResolver r = new DatasetResolver(Map.of("fashion-mnist", pinned), List.of(cache));
        System.setProperty("jnas.data.mirror", "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/");
        try {
            Dataset d = r.load("fashion-mnist", DataOptions.defaults().withDownload(true));
            assertThat(d.train().size()).isEqualTo(60_000);
            assertThat(d.test().size()).isEqualTo(10_000);
            assertThat(cache.resolve("fashion-mnist/t10k-images-idx3-ubyte.gz")).exists();
        } finally {
            System.clearProperty("jnas.data.mirror");
        }
    }

    @Test
    void offlineIsOneLineThatSaysWhatToDo() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        DatasetResolver r = new DatasetResolver(DatasetResolver.officialRegistry(), List.of(tmp.resolve("cache")));
        System.setProperty("jnas.data.mirror", "http://127.0.0.1:" + closed);
        try {
            assertThatThrownBy(() -> r.load("fashion-mnist", DataOptions.defaults().withDownload(true)))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageStartingWith("fashion-mnist is not on this machine and cannot reach http://127.0.0.1:" + closed
                            + "/fashion-mnist/train-images-idx3-ubyte.gz")
                    .hasMessageContaining("apt-get install dataset-fashion-mnist").hasMessageContaining("--data FOLDER")
                    .hasMessageNotContaining("\n");
        } finally {
            System.clearProperty("jnas.data.mirror");
        }
        assertThat(tmp.resolve("cache/fashion-mnist").toFile().list()).isEmpty();
    }

    @Test
    void aConnectionCutMidFileIsOneLineAndKeepsNothing() throws Exception {
        server.createContext("/cut", ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write(new byte[10]);
            ex.getHttpContext().getServer().stop(0);
        });
        Path dest = tmp.resolve("cache/cut.gz");
        assertThatThrownBy(() -> new Downloader().fetch(url("cut"), dest, Downloader.Digest.sha256("00".repeat(32))))
                .isInstanceOf(DataFormatException.class).hasMessageStartingWith("download of " + url("cut") + " failed")
                .hasMessageContaining("nothing was kept");
        assertThat(dest.getParent().toFile().list()).isEmpty();
    }
}
