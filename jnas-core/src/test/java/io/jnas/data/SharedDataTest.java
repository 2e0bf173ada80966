package io.jnas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reads the real data in ../shared/data and Debian's Fashion-MNIST; skipped when absent. */
@Tag("shared")
class SharedDataTest {
    static final Path SHARED = Path.of("..", "shared", "data");

    @Test
    void cifar10JpegArchive() throws Exception {
        Path tar = SHARED.resolve("cifar10-jpg.tar.gz");
        assumeTrue(Files.exists(tar), "skipped: " + tar + " is absent (only on jnas developer machines)");
        Dataset d = new DatasetResolver().load("imagefolder:" + tar, DataOptions.defaults());
        assertThat(d.train().size()).isEqualTo(50_000);
        assertThat(d.test().size()).isEqualTo(10_000);
        assertThat(d.train().classCounts()).containsOnly(5_000);
        assertThat(d.train().classes()).contains("airplane", "truck");
        assertThat(d.train().height()).isEqualTo(32);
    }

    @Test
    void tinyImageNetValidation() throws Exception {
        Path tar = SHARED.resolve("tiny-imagenet-200-val.tar.gz");
        assumeTrue(Files.exists(tar), "skipped: " + tar + " is absent (only on jnas developer machines)");
        Dataset d = new DatasetResolver().load("tiny-imagenet:" + tar, DataOptions.defaults());
        assertThat(d.numClasses()).isEqualTo(200);
        assertThat(d.train().size()).isEqualTo(8_000);
        assertThat(d.test().classCounts()).containsOnly(10);
        assertThat(d.train().height()).isEqualTo(64);
    }

    @Test
    void debianFashionMnist() throws Exception {
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isDirectory(dir), "skipped: install Debian's dataset-fashion-mnist package");
        Dataset d = new DatasetResolver().load("fashion-mnist", DataOptions.defaults());
        assertThat(d.train().size()).isEqualTo(60_000);
        assertThat(d.test().size()).isEqualTo(10_000);
        assertThat(d.train().classCounts()).containsOnly(6_000);
    }
}
