package io.jnas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data that would read as good data but is not: one clear line (error or a note on the data line), never a silent misread. */
class BadDataTest {
    @TempDir
    Path tmp;

    private Dataset load(String folder) throws Exception {
        return new DatasetResolver(Map.of(), List.of(tmp.resolve("nowhere"))).load("imagefolder:" + tmp.resolve(folder),
                DataOptions.defaults());
    }

    private void images(String dir, int n, int size) throws Exception {
        Files.createDirectories(tmp.resolve(dir));
        for (int i = 0; i < n; i++) {
            Files.write(tmp.resolve(dir + "/" + i + ".png"), Fixtures.png(i % 3, size, size));
        }
    }

    @Test
    void splitFoldersHoldingImagesDirectlyAreNotTwoClasses() throws Exception {
        images("a/train", 4, 8);
        images("a/test", 2, 8);
        assertThatThrownBy(() -> load("a")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("the images sit directly in test/, train/").hasMessageContaining("train/CLASS/IMAGE");
        images("b/cat", 4, 8);
        images("b/val", 4, 8);
        assertThatThrownBy(() -> load("b")).hasMessageContaining("directly in val/");
    }

    @Test
    void valIsAcceptedAsTheTestSplit() throws Exception {
        images("v/train/cat", 4, 8);
        images("v/train/dog", 4, 8);
        images("v/val/cat", 2, 8);
        images("v/val/dog", 2, 8);
        Dataset d = load("v");
        assertThat(d.train().size()).isEqualTo(8);
        assertThat(d.test().size()).isEqualTo(4);
        assertThat(d.source()).doesNotContain("(");
    }

    @Test
    void aClassWithoutTrainingImagesIsAnErrorWithoutTestImagesANote() throws Exception {
        images("c/train/cat", 4, 8);
        images("c/train/dog", 4, 8);
        images("c/test/cat", 2, 8);
        images("c/test/dog", 2, 8);
        images("c/test/fox", 2, 8);
        assertThatThrownBy(() -> load("c")).hasMessageContaining("class fox has images in test/ but none in train/");
        images("d/train/cat", 4, 8);
        images("d/train/dog", 4, 8);
        images("d/test/cat", 2, 8);
        assertThat(load("d").source()).contains("no test images for dog");
        images("e/cat", 4, 8);
        assertThatThrownBy(() -> load("e")).hasMessageContaining("one class folder (cat)");
    }

    @Test
    void mixedSizesAndChannelCountsAreNamed() throws Exception {
        images("m/cat", 4, 8);
        images("m/dog", 3, 8);
        Files.write(tmp.resolve("m/dog/big.png"), Fixtures.png(1, 12, 10));
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", out);
        Files.write(tmp.resolve("m/cat/grey.png"), out.toByteArray());
        Dataset d = load("m");
        assertThat(d.train().height()).isEqualTo(8);
        assertThat(d.source()).contains("1 images were not 8x8 (e.g. dog/big.png, 12x10) and were resized")
                .contains("1 grey images were converted to RGB");
        Dataset sized = new DatasetResolver(Map.of(), List.of(tmp.resolve("nowhere"))).load("imagefolder:" + tmp.resolve("m"),
                new DataOptions(null, false, 6, 0, 10));
        assertThat(sized.source()).doesNotContain("resized").contains("grey");
    }

    @Test
    void cifarLabelFileNamingClassesWithoutImagesIsNoted() throws Exception {
        Path d = tmp.resolve("cifar-10-batches-bin");
        Files.createDirectories(d);
        for (int b = 1; b <= 5; b++) {
            Files.write(d.resolve("data_batch_" + b + ".bin"), Fixtures.cifarBatch(4, 1, 9, 0));
        }
        Files.write(d.resolve("test_batch.bin"), Fixtures.cifarBatch(4, 1, 9, 0));
        Files.writeString(d.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        Dataset ds = new DatasetResolver(Map.of(), List.of(tmp.resolve("nowhere"))).load("cifar10",
                DataOptions.defaults().withDataPath(tmp));
        assertThat(ds.source()).contains("batches.meta.txt names classes without training images: ");
    }
}
