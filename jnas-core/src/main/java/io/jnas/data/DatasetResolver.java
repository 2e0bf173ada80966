package io.jnas.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves a data-set name or path to images. Names: {@code cifar10}, {@code cifar100},
 * {@code fashion-mnist}, {@code mnist}, {@code imagefolder:PATH}, {@code tiny-imagenet:PATH};
 * a bare path is read as an image folder (or Tiny ImageNet when it has that layout).
 *
 * <p>Named sets are looked for, in order, in {@code --data PATH}, {@code $JNAS_DATA},
 * {@code ~/.cache/jnas/datasets} and {@code /usr/share/datasets} (Debian's dataset packages);
 * with {@code --download} the official archive is fetched into the first writable cache.
 */
public final class DatasetResolver {
    /** Class names of the built-in sets. */
    static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /**
     * An official archive.
     *
     * @param url where the publisher serves it
     * @param file file name under the cache folder
     * @param digest the digest the publisher documents
     */
    public record Remote(URI url, String file, Downloader.Digest digest) {
    }

    private final Map<String, List<Remote>> registry;
    private final List<Path> roots;

    /** The default resolver: official archives (MD5 digests as published) and default roots. */
    public DatasetResolver() {
        this(officialRegistry(), defaultRoots());
    }

    public DatasetResolver(Map<String, List<Remote>> registry, List<Path> roots) {
        this.registry = registry;
        this.roots = roots;
    }

    /** $JNAS_DATA, ~/.cache/jnas/datasets, /usr/share/datasets. */
    public static List<Path> defaultRoots() {
        List<Path> r = new ArrayList<>();
        String env = System.getenv("JNAS_DATA");
        if (env != null && !env.isBlank()) {
            r.add(Path.of(env));
        }
        r.add(Path.of(System.getProperty("user.home"), ".cache", "jnas", "datasets"));
        r.add(Path.of("/usr/share/datasets"));
        return r;
    }

    /**
     * The publishers' archives. The CIFAR and MNIST-family publishers document MD5 digests only;
     * those are what is checked (a user can pin a SHA-256 through their own registry).
     */
    public static Map<String, List<Remote>> officialRegistry() {
        String fm = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
        String mn = "https://ossci-datasets.s3.amazonaws.com/mnist/";
        return Map.of(
                "cifar10", List.of(new Remote(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
                        "cifar-10-binary.tar.gz", md5("c32a1d4ab5d03f1284b67883e8d87530"))),
                "cifar100", List.of(new Remote(URI.create("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"),
                        "cifar-100-binary.tar.gz", md5("03b5dce01913d631647c71ecec9e9cb8"))),
                "fashion-mnist", List.of(
                        new Remote(URI.create(fm + "train-images-idx3-ubyte.gz"), "fashion-mnist/train-images-idx3-ubyte.gz",
                                md5("8d4fb7e6c68d591d4c3dfef9ec88bf0d")),
                        new Remote(URI.create(fm + "train-labels-idx1-ubyte.gz"), "fashion-mnist/train-labels-idx1-ubyte.gz",
                                md5("25c81989df183df01b3e8a0aad5dffbe")),
                        new Remote(URI.create(fm + "t10k-images-idx3-ubyte.gz"), "fashion-mnist/t10k-images-idx3-ubyte.gz",
                                md5("bef4ecab320f06d8554ea6380940ec79")),
                        new Remote(URI.create(fm + "t10k-labels-idx1-ubyte.gz"), "fashion-mnist/t10k-labels-idx1-ubyte.gz",
                                md5("bb300cfdad3c16e7a12a480ee83cd310"))),
                "mnist", List.of(
                        new Remote(URI.create(mn + "train-images-idx3-ubyte.gz"), "mnist/train-images-idx3-ubyte.gz",
                                md5("f68b3c2dcbeaaa9fbdd348bbdeb94873")),
                        new Remote(URI.create(mn + "train-labels-idx1-ubyte.gz"), "mnist/train-labels-idx1-ubyte.gz",
                                md5("d53e105ee54ea40749a09fcbcd1e9432")),
                        new Remote(URI.create(mn + "t10k-images-idx3-ubyte.gz"), "mnist/t10k-images-idx3-ubyte.gz",
                                md5("9fb629c4189551a2d022fa330f9573f3")),
                        new Remote(URI.create(mn + "t10k-labels-idx1-ubyte.gz"), "mnist/t10k-labels-idx1-ubyte.gz",
                                md5("ec29112dd5afa0611ce80d1b7f02629c"))));
    }

    private static Downloader.Digest md5(String hex) {
        return new Downloader.Digest("MD5", hex);
    }

    /** Loads {@code spec} (see class comment); resizes when {@code options.size() > 0}. */
    public Dataset load(String spec, DataOptions options) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new DataFormatException("no data set given; use e.g. --dataset fashion-mnist, cifar10, imagefolder:PATH");
        }
        Dataset d = loadNative(spec.trim(), options);
        if (options.size() > 0 && (d.train().height() != options.size() || d.train().width() != options.size())) {
            d = new Dataset(d.name(), d.source(), Images.resize(d.train(), options.size(), options.size()),
                    Images.resize(d.test(), options.size(), options.size()));
        }
        return d;
    }

    private Dataset loadNative(String spec, DataOptions o) throws IOException {
        if (spec.startsWith("imagefolder:")) {
            Path p = Path.of(spec.substring("imagefolder:".length()));
            return cached(p, spec + "|" + o.size() + "|" + o.seed(), () -> ImageFolderReader.read(spec, p, o.size(), o.seed()));
        }
        if (spec.startsWith("tiny-imagenet:")) {
            Path p = Path.of(spec.substring("tiny-imagenet:".length()));
            return cached(p, spec + "|" + o.size() + "|" + o.seed() + "|" + o.testPerClass(),
                    () -> TinyImageNetReader.read(spec, p, o.size(), o.testPerClass(), o.seed()));
        }
        String name = spec.toLowerCase(java.util.Locale.ROOT).replace("_", "-");
        switch (name) {
            case "cifar10", "cifar-10", "cifar100", "cifar-100", "fashion-mnist", "fashionmnist", "mnist" -> {
                String key = switch (name) {
                    case "cifar-10" -> "cifar10";
                    case "cifar-100" -> "cifar100";
                    case "fashionmnist" -> "fashion-mnist";
                    default -> name;
                };
                return loadNamed(key, o);
            }
            default -> {
            }
        }
        Path p = Path.of(spec);
        if (Files.exists(p)) {
            return loadNative((looksLikeTinyImageNet(p) ? "tiny-imagenet:" : "imagefolder:") + spec, o);
        }
        throw new DataFormatException("unknown data set '" + spec + "': use cifar10, cifar100, fashion-mnist, mnist, "
                + "imagefolder:PATH, tiny-imagenet:PATH or an existing folder/archive path");
    }

    /** A decoding step that may fail with an I/O error. */
    private interface Decode {
        Dataset run() throws IOException;
    }

    /** Decoded archives and folders (not directories, whose contents may change unseen) come from the cache. */
    private static Dataset cached(Path source, String options, Decode decode) throws IOException {
        if (!DecodedCache.enabled() || !Files.isRegularFile(source)) {
            return decode.run();
        }
        Path key = DecodedCache.key(source, options);
        if (Files.isRegularFile(key)) {
            Dataset d = DecodedCache.read(key);
            if (d != null) {
                return d;
            }
        }
        Dataset d = decode.run();
        DecodedCache.write(key, d);
        return d;
    }

    private static boolean looksLikeTinyImageNet(Path p) {
        String n = p.getFileName().toString();
        return n.contains("tiny-imagenet") || Files.exists(p.resolve("wnids.txt"))
                || Files.exists(p.resolve("tiny-imagenet-200/wnids.txt"));
    }

    private List<Path> searchRoots(DataOptions o) {
        List<Path> r = new ArrayList<>();
        if (o.dataPath() != null) {
            r.add(o.dataPath());
        }
        r.addAll(roots);
        return r;
    }

    private Dataset loadNamed(String key, DataOptions o) throws IOException {
        List<Path> searched = searchRoots(o);
        for (Path root : searched) {
            Dataset d = tryRoot(key, root);
            if (d != null) {
                return d;
            }
        }
        if (o.download()) {
            Path cache = o.dataPath() != null ? o.dataPath() : roots.get(0);
            List<Remote> remotes = registry.get(key);
            if (remotes == null) {
                throw new DataFormatException("no download is known for " + key);
            }
            Downloader dl = new Downloader();
            for (Remote r : remotes) {
                URI url = mirrored(r);
                try {
                    dl.fetch(url, cache.resolve(r.file()), r.digest());
                } catch (DataFormatException e) {
                    if (!e.getMessage().startsWith("cannot reach")) {
                        throw e;
                    }
                    throw new DataFormatException(key + " is not on this machine and " + e.getMessage() + "; " + install(key)
                            + "pass --data FOLDER holding it, or set JNAS_DATA_MIRROR to a server with its files");
                }
            }
            Dataset d = tryRoot(key, cache);
            if (d != null) {
                return d;
            }
            throw new DataFormatException("downloaded " + key + " into " + cache + " but could not read it");
        }
        throw new DataFormatException(key + " not found in " + searched + "; " + install(key) + "pass --data FOLDER holding it, "
                + "set JNAS_DATA, or add --download");
    }

    private static String install(String key) {
        return key.equals("fashion-mnist") ? "on Debian apt-get install dataset-fashion-mnist, " : "";
    }

    /** The official address, or the mirror base ({@code jnas.data.mirror} / JNAS_DATA_MIRROR) + the cache path. */
    static URI mirrored(Remote r) {
        String base = System.getProperty("jnas.data.mirror", System.getenv("JNAS_DATA_MIRROR"));
        if (base == null || base.isBlank()) {
            return r.url();
        }
        return URI.create(base.endsWith("/") ? base + r.file() : base + "/" + r.file());
    }

    /** Reads {@code key} from {@code root} if one of its layouts is there; null otherwise. */
    private Dataset tryRoot(String key, Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        return switch (key) {
            case "cifar10" -> cifar(key, root, "cifar-10-batches-bin", "cifar-10-binary.tar.gz", "data_batch_1.bin", 1, 10,
                    "batches.meta.txt");
            case "cifar100" -> cifar(key, root, "cifar-100-binary", "cifar-100-binary.tar.gz", "train.bin", 2, 100,
                    "fine_label_names.txt");
            case "fashion-mnist" -> idx(key, root, "fashion-mnist", FASHION);
            case "mnist" -> idx(key, root, "mnist", DIGITS);
            default -> null;
        };
    }

    private static Dataset cifar(String key, Path root, String dir, String archive, String marker, int labelBytes,
            int classes, String meta) throws IOException {
        Path folder = null;
        if (Files.isRegularFile(root.resolve(dir).resolve(marker))) {
            folder = root.resolve(dir);
        } else if (Files.isRegularFile(root.resolve(marker))) {
            folder = root;
        }
        List<Archive.Entry> entries;
        String source;
        if (folder != null) {
            entries = Archive.read(folder, p -> p.endsWith(".bin") || p.endsWith(meta));
            source = folder.toString();
        } else if (Files.isRegularFile(root.resolve(archive))) {
            entries = Archive.read(root.resolve(archive), p -> p.endsWith(".bin") || p.endsWith(meta));
            source = root.resolve(archive).toString();
        } else {
            return null;
        }
        return CifarReader.dataset(key, source, entries, meta, labelBytes, classes);
    }

    private static Dataset idx(String key, Path root, String dir, List<String> classes) throws IOException {
        for (Path folder : List.of(root.resolve(dir), root)) {
            Path trainImages = pick(folder, "train-images-idx3-ubyte");
            if (trainImages == null) {
                continue;
            }
            Path trainLabels = pick(folder, "train-labels-idx1-ubyte");
            Path testImages = pick(folder, "t10k-images-idx3-ubyte");
            Path testLabels = pick(folder, "t10k-labels-idx1-ubyte");
            for (Object[] f : new Object[][] {{trainLabels, "train-labels-idx1-ubyte"},
                    {testImages, "t10k-images-idx3-ubyte"}, {testLabels, "t10k-labels-idx1-ubyte"}}) {
                if (f[0] == null) {
                    throw new DataFormatException(folder.resolve(f[1] + "[.gz]") + ": file is missing; the " + key
                            + " set needs all four IDX files");
                }
            }
            return new Dataset(key, folder.toString(), IdxReader.read(trainImages, trainLabels, classes),
                    IdxReader.read(testImages, testLabels, classes));
        }
        return null;
    }

    private static Path pick(Path folder, String base) {
        for (String n : List.of(base + ".gz", base)) {
            if (Files.isRegularFile(folder.resolve(n))) {
                return folder.resolve(n);
            }
        }
        return null;
    }
}
