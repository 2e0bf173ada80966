package io.jnas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataReadersTest {
    @TempDir
    Path tmp;

    private DatasetResolver resolver() {
        return new DatasetResolver(Map.of(), List.of(tmp.resolve("nowhere")));
    }

    private DataOptions at(Path p) {
        return DataOptions.defaults().withDataPath(p);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void idxGzippedOrPlain(boolean gzip) throws Exception {
        Path d = tmp.resolve("mnist");
        Fixtures.idx(d, "train", 50, 6, 5, 10, gzip);
        Fixtures.idx(d, "t10k", 20, 6, 5, 10, gzip);
        Dataset ds = resolver().load("mnist", at(tmp));
        assertThat(ds.train().size()).isEqualTo(50);
        assertThat(ds.test().size()).isEqualTo(20);
        assertThat(ds.train().height()).isEqualTo(6);
        assertThat(ds.train().width()).isEqualTo(5);
        assertThat(ds.train().label(13)).isEqualTo(3);
        byte[] img = new byte[30];
        ds.train().copyImage(13, img, 0);
        assertThat(img[4] & 0xff).isEqualTo(Fixtures.pixel(3, 13, 0, 4));
    }

    @Test
    void truncatedIdxNamesTheFile() throws Exception {
        Path d = tmp.resolve("fashion-mnist");
        Fixtures.idx(d, "train", 50, 6, 5, 10, false);
        Fixtures.idx(d, "t10k", 20, 6, 5, 10, false);
        Fixtures.truncate(d.resolve("train-images-idx3-ubyte"), 100);
        assertThatThrownBy(() -> resolver().load("fashion-mnist", at(tmp))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("truncated");
    }

    @Test
    void truncatedGzipNamesTheFile() throws Exception {
        Path d = tmp.resolve("fashion-mnist");
        Fixtures.idx(d, "train", 500, 6, 5, 10, true);
        Fixtures.idx(d, "t10k", 20, 6, 5, 10, true);
        Path f = d.resolve("train-images-idx3-ubyte.gz");
        Fixtures.truncate(f, (int) Files.size(f) / 2);
        assertThatThrownBy(() -> resolver().load("fashion-mnist", at(tmp))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz").hasMessageContaining("truncated");
    }

    @Test
    void missingFileIsNamed() throws Exception {
        Path d = tmp.resolve("mnist");
        Fixtures.idx(d, "train", 10, 4, 4, 10, false);
        assertThatThrownBy(() -> resolver().load("mnist", at(tmp))).hasMessageContaining("t10k-images-idx3-ubyte")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> resolver().load("cifar10", at(tmp.resolve("empty")))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("cifar10 not found").hasMessageContaining("--download");
    }

    @Test
    void cifar10FolderAndArchive() throws Exception {
        Path d = tmp.resolve("a/cifar-10-batches-bin");
        Files.createDirectories(d);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int b = 1; b <= 5; b++) {
            byte[] batch = Fixtures.cifarBatch(4, 1, 10, b);
            Files.write(d.resolve("data_batch_" + b + ".bin"), batch);
            entries.put("cifar-10-batches-bin/data_batch_" + b + ".bin", batch);
        }
        byte[] test = Fixtures.cifarBatch(3, 1, 10, 0);
        Files.write(d.resolve("test_batch.bin"), test);
        entries.put("cifar-10-batches-bin/test_batch.bin", test);
        byte[] meta = "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n".getBytes();
        Files.write(d.resolve("batches.meta.txt"), meta);
        entries.put("cifar-10-batches-bin/batches.meta.txt", meta);
        Dataset fromDir = resolver().load("cifar10", at(tmp.resolve("a")));
        assertThat(fromDir.train().size()).isEqualTo(20);
        assertThat(fromDir.test().size()).isEqualTo(3);
        assertThat(fromDir.train().classes().get(3)).isEqualTo("cat");
        assertThat(fromDir.train().label(0)).isEqualTo(1);
        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        Fixtures.tarGz(b.resolve("cifar-10-binary.tar.gz"), entries);
        Dataset fromTar = resolver().load("cifar10", at(b));
        assertThat(fromTar.train().labels()).containsExactly(fromDir.train().labels());
        Files.write(d.resolve("test_batch.bin"), java.util.Arrays.copyOf(test, 3000));
        assertThatThrownBy(() -> resolver().load("cifar10", at(tmp.resolve("a")))).hasMessageContaining("test_batch.bin")
                .hasMessageContaining("truncated");
    }

    @Test
    void cifar100UsesTheFineLabel() throws Exception {
        Path d = tmp.resolve("cifar-100-binary");
        Files.createDirectories(d);
        Files.write(d.resolve("train.bin"), Fixtures.cifarBatch(30, 2, 100, 40));
        Files.write(d.resolve("test.bin"), Fixtures.cifarBatch(5, 2, 100, 0));
        Dataset ds = resolver().load("cifar100", at(tmp));
        assertThat(ds.numClasses()).isEqualTo(100);
        assertThat(ds.train().label(0)).isEqualTo(40);
        assertThat(ds.train().label(29)).isEqualTo(69);
    }

    @Test
    void imageFolderWithoutSplitIsStratifiedAndSeeded() throws Exception {
        for (String c : List.of("cat", "dog")) {
            Files.createDirectories(tmp.resolve("pets/" + c));
            for (int i = 0; i < 10; i++) {
                Files.write(tmp.resolve("pets/" + c + "/" + i + ".png"), Fixtures.png(c.equals("cat") ? 0 : 1, 8, 8));
            }
        }
        Dataset a = resolver().load("imagefolder:" + tmp.resolve("pets"), DataOptions.defaults());
        assertThat(a.train().size()).isEqualTo(16);
        assertThat(a.test().classCounts()).containsExactly(2, 2);
        assertThat(a.train().classes()).containsExactly("cat", "dog");
        assertThat(a.train().channels()).isEqualTo(3);
        Dataset b = resolver().load(tmp.resolve("pets").toString(), DataOptions.defaults());
        assertThat(b.test().labels()).containsExactly(a.test().labels());
    }

    @Test
    void imageFolderArchiveWithSplitsAndResize() throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        for (String split : List.of("train", "test")) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < (split.equals("train") ? 4 : 2); i++) {
                    e.put("root/" + split + "/class" + c + "/" + i + ".png", Fixtures.png(c, 12, 12));
                }
            }
        }
        Path tar = tmp.resolve("imgs.tar.gz");
        Fixtures.tarGz(tar, e);
        DataOptions o = new DataOptions(null, false, 8, 0, 10);
        Dataset ds = resolver().load("imagefolder:" + tar, o);
        assertThat(ds.train().size()).isEqualTo(12);
        assertThat(ds.test().size()).isEqualTo(6);
        assertThat(ds.train().height()).isEqualTo(8);
        byte[] px = new byte[3 * 64];
        ds.train().copyImage(5, px, 0);
        assertThat(px[0] & 0xff).isEqualTo(ds.train().label(5) * 40);
    }

    @Test
    void corruptImageIsNamed() throws Exception {
        Files.createDirectories(tmp.resolve("x/a"));
        Files.write(tmp.resolve("x/a/0.png"), Fixtures.png(0, 4, 4));
        Files.write(tmp.resolve("x/a/1.jpg"), new byte[] {1, 2, 3});
        Files.createDirectories(tmp.resolve("x/b"));
        Files.write(tmp.resolve("x/b/0.png"), Fixtures.png(1, 4, 4));
        assertThatThrownBy(() -> resolver().load("imagefolder:" + tmp.resolve("x"), DataOptions.defaults()))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("1.jpg");
    }

    @Test
    void truncatedArchiveIsReported() throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            e.put("a/" + i + ".png", Fixtures.png(0, 16, 16));
        }
        Path tar = tmp.resolve("t.tar.gz");
        Fixtures.tarGz(tar, e);
        Fixtures.truncate(tar, (int) Files.size(tar) / 2);
        assertThatThrownBy(() -> resolver().load("imagefolder:" + tar, DataOptions.defaults()))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("t.tar.gz").hasMessageContaining("truncated");
    }

    @Test
    void tinyImageNetValOnlyIsSplitPerClass() throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("tiny-imagenet-200/wnids.txt", "n01\nn02\n".getBytes());
        StringBuilder ann = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String wnid = i % 2 == 0 ? "n01" : "n02";
            ann.append("val_").append(i).append(".JPEG\t").append(wnid).append("\t0\t0\t10\t10\n");
            e.put("tiny-imagenet-200/val/images/val_" + i + ".JPEG", Fixtures.png(i % 2, 8, 8));
        }
        e.put("tiny-imagenet-200/val/val_annotations.txt", ann.toString().getBytes());
        Path tar = tmp.resolve("tiny-imagenet-200-val.tar.gz");
        Fixtures.tarGz(tar, e);
        Dataset ds = resolver().load("tiny-imagenet:" + tar, new DataOptions(null, false, 0, 0, 2));
        assertThat(ds.numClasses()).isEqualTo(2);
        assertThat(ds.train().size()).isEqualTo(8);
        assertThat(ds.test().classCounts()).containsExactly(2, 2);
        assertThat(ds.train().height()).isEqualTo(64);
    }

    @Test
    void splitsAreSeededAndBalanced() {
        byte[] px = new byte[100 * 4];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i % 4;
        }
        ImageData d = new ImageData(px, labels, 1, 2, 2, List.of("a", "b", "c", "d"));
        ImageData s1 = Splits.balancedSubset(d, 21, 3);
        ImageData s2 = Splits.balancedSubset(d, 21, 3);
        assertThat(s1.classCounts()).containsExactly(6, 5, 5, 5);
        assertThat(s1.labels()).containsExactly(s2.labels());
        Splits.Pair p = Splits.stratified(d, 0.2, 1);
        assertThat(p.second().classCounts()).containsExactly(5, 5, 5, 5);
        assertThat(p.first().size() + p.second().size()).isEqualTo(100);
    }
}
