package io.jnas.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads a file, verifies its digest while streaming, and moves it into place atomically:
 * a failed or mismatching download never leaves a file under the final name.
 */
public final class Downloader {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * An expected digest.
     *
     * @param algorithm {@code SHA-256} or {@code MD5} (MD5 only where a publisher documents nothing else)
     * @param hex lower-case hex digest
     */
    public record Digest(String algorithm, String hex) {
        public static Digest sha256(String hex) {
            return new Digest("SHA-256", hex.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Downloads {@code url} to {@code dest} unless a verified copy is already there. */
    public Path fetch(URI url, Path dest, Digest expected) throws IOException {
        if (Files.isRegularFile(dest) && expected.hex().equals(digest(dest, expected.algorithm()))) {
            return dest;
        }
        Files.createDirectories(dest.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(dest.toAbsolutePath().getParent(), dest.getFileName().toString(), ".part");
        try {
            HttpResponse<InputStream> r;
            try {
                r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download of " + url + " interrupted", e);
            }
            if (r.statusCode() != 200) {
                r.body().close();
                throw new DataFormatException("download of " + url + " failed: HTTP " + r.statusCode());
            }
            MessageDigest md = md(expected.algorithm());
            long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(tmp);
                    io.jnas.run.Progress bar = io.jnas.run.Progress.start("download " + dest.getFileName(), length)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                    bar.step(n, null);
                }
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (!got.equals(expected.hex())) {
                throw new DataFormatException("download of " + url + " has " + expected.algorithm() + " " + got
                        + ", expected " + expected.hex() + "; the file is corrupt or was changed upstream, nothing was kept");
            }
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return dest;
        } catch (java.net.ConnectException | java.net.UnknownHostException | java.net.http.HttpTimeoutException e) {
            String why = e instanceof java.net.UnknownHostException ? "unknown host"
                    : e instanceof java.net.http.HttpTimeoutException ? "timed out" : "connection refused";
            throw new DataFormatException("cannot reach " + url + " (" + why + ")");
        } catch (IOException e) {
            throw new DataFormatException("download of " + url + " failed (" + e.getMessage() + "); nothing was kept, run the "
                    + "command again to retry");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Hex digest of a file. */
    public static String digest(Path f, String algorithm) throws IOException {
        MessageDigest md = md(algorithm);
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest md(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
    }
}
