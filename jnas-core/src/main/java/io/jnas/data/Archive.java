package io.jnas.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads the files of a directory tree or of a {@code .tar}, {@code .tar.gz} or {@code .tgz}
 * archive (streamed, never unpacked to disk) as (relative path, bytes) entries.
 */
public final class Archive {
    private Archive() {
    }

    /** A file inside a tree or an archive. */
    public record Entry(String path, byte[] bytes) {
    }

    /** Whether {@code p} names a tar archive jnas can stream. */
    public static boolean isArchive(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar"));
    }

    /** All regular files under {@code root} whose relative path matches {@code want}, sorted by path. */
    public static List<Entry> read(Path root, Predicate<String> want) throws IOException {
        if (!Files.exists(root)) {
            throw new DataFormatException(root, "does not exist; check the path");
        }
        List<Entry> out = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                    String rel = root.relativize(f).toString().replace('\\', '/');
                    if (want.test(rel)) {
                        out.add(new Entry(rel, Files.readAllBytes(f)));
                    }
                }
            }
            return out;
        }
        if (!isArchive(root)) {
            throw new DataFormatException(root, "is neither a directory nor a .tar/.tar.gz/.tgz archive");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(root), 1 << 16);
                InputStream in = root.toString().endsWith(".tar") ? raw : new GzipCompressorInputStream(raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String rel = e.getName().replace('\\', '/');
                if (rel.startsWith("./")) {
                    rel = rel.substring(2);
                }
                if (want.test(rel)) {
                    out.add(new Entry(rel, tar.readAllBytes()));
                }
            }
        } catch (EOFException e) {
            throw new DataFormatException(root, "archive is truncated (unexpected end of file); download it again");
        } catch (IOException e) {
            throw new DataFormatException(root, "archive is corrupt (" + e.getMessage() + "); download it again");
        }
        out.sort(java.util.Comparator.comparing(Entry::path));
        return out;
    }

    /** Opens a file that may be gzip-compressed (detected by its magic bytes). */
    public static InputStream openMaybeGzip(Path f) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        if (a == 0x1f && b == 0x8b) {
            return new GzipCompressorInputStream(in);
        }
        return in;
    }

    /** Reads a possibly gzipped file fully; truncated gzip data is reported as such. */
    public static byte[] readMaybeGzip(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw new DataFormatException(f, "file is missing; check --data or download the data set (--download)");
        }
        try (InputStream in = openMaybeGzip(f)) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new DataFormatException(f, "file is truncated (unexpected end of compressed data); download it again");
        } catch (IOException e) {
            throw new DataFormatException(f, "file is corrupt (" + e.getMessage() + "); download it again");
        }
    }
}
