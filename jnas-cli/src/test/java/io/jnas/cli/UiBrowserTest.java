package io.jnas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import io.jnas.ui.UiServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * jnas ui in a real browser (Debian's chromium driven by chromedriver): a training run appears as running with its
 * first points, shows as interrupted once killed, and after jnas resume as finished with every epoch's point; a NAT
 * run's front plot holds as many front points as its front.json. Screenshots land in target/ui-screenshots.
 */
class UiBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TABLE = Path.of("..", "shared", "data", "nb201");
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    static Path tmp;
    private static ChildJnas jnas;
    private static UiServer ui;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "skipped: no browser; install Debian's "
                + "chromium and chromium-driver (.ci/run does)");
        Fixtures.idx(tmp.resolve("mnist"), "train", 160, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 40, 8, 8, 10, false);
        jnas = new ChildJnas(tmp);
        ui = UiServer.start(Files.createDirectories(tmp.resolve("runs")), "127.0.0.1", 0);
        ChromeOptions o = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1400");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), o);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (ui != null) {
            ui.close();
        }
    }

    private static WebElement row(String id) {
        return browser.findElement(By.cssSelector("#runs tr[data-id='" + id + "']"));
    }

    /** Points of series {@code series} in chart {@code chart} of the open run, -1 while it is not shown. */
    @SuppressWarnings("unchecked")
    private static int points(String chart, String series) {
        List<WebElement> img = browser.findElements(By.cssSelector("img.chart[data-name='" + chart + "']"));
        if (img.isEmpty()) {
            return -1;
        }
        try {
            Map<String, Object> s = Json.MAPPER.readValue(img.get(0).getAttribute("data-series"), Map.class);
            return s.get(series) instanceof Number n ? n.intValue() : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void until(String what, java.util.function.BooleanSupplier ok) {
        new WebDriverWait(browser, WAIT).withMessage(what).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(d -> ok.getAsBoolean());
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "ui-screenshots"));
        Files.write(dir.resolve(name + ".png"), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aTrainingRunIsSeenRunningInterruptedAndFinished() throws Exception {
        Path run = tmp.resolve("runs").resolve("train-a");
        ProcessBuilder b = jnas.builder("train", "cnn", "--dataset", "mnist", "--data", tmp.toString(), "--epochs", "5",
                "--batch", "16", "--out", run.toString()).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().putAll(Map.of("JNAS_HALT_AT", "metrics:2", "JNAS_EVENTS", "1"));
        Process p = b.start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String l = err.readLine(); l != null && !l.startsWith("jnas-event: metrics 2 "); l = err.readLine()) {
                assertThat(p.isAlive()).as("the training run ended before its second epoch").isTrue();
            }
            browser.get("http://127.0.0.1:" + ui.port() + "/#run=train-a");
            until("the run shows as running with 2 epochs", () -> row("train-a").getAttribute("data-status").equals("running")
                    && points("loss", "train_loss") == 2);
            double progress = Double.parseDouble(row("train-a").findElement(By.cssSelector(".progress")).getAttribute(
                    "data-value"));
            assertThat(progress).isGreaterThan(0).isLessThan(100);
            assertThat(row("train-a").findElement(By.cssSelector(".stage")).getText()).startsWith("epoch ");
            screenshot("train-running");
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        until("the killed run shows as interrupted", () -> row("train-a").getAttribute("data-status").equals("interrupted"));
        assertThat(row("train-a").getText()).contains("resume with: jnas resume ");
        assertThat(browser.findElement(By.id("detail-status")).getText()).isEqualTo("interrupted");
        assertThat(jnas.run("resume", run.toString())).isZero();
        until("the resumed run shows as finished with 5 epochs", () -> row("train-a").getAttribute("data-status")
                .equals("finished") && points("loss", "train_loss") == 5 && points("accuracy", "test_top1") == 5);
        assertThat(row("train-a").getText()).contains("100%");
        screenshot("train-finished");
    }

    @Test
    @Tag("shared")
    void aNatFrontPlotHoldsTheFrontOfFrontJson() throws Exception {
        assumeTrue(Files.isDirectory(TABLE), "skipped: " + TABLE + " is absent (only on jnas developer machines)");
        Path run = tmp.resolve("runs").resolve("nat-a");
        assertThat(jnas.run("search", "nat", "--space", "nb201", "--table", TABLE.toString(), "--evaluations", "40",
                "--seed", "1", "--out", run.toString())).isZero();
        int front = Json.MAPPER.readValue(run.resolve("front.json").toFile(), List.class).size();
        browser.get("http://127.0.0.1:" + ui.port() + "/#run=nat-a");
        until("the front plots show front.json's " + front + " points", () -> points("front_error_params", "front") == front
                && points("front_error_macs", "front") == front && points("front_error_params", "evaluated") == 40);
        assertThat(points("hypervolume", "hypervolume")).isPositive();
        browser.findElement(By.cssSelector(".archs tr")).click();
        until("an architecture opens", () -> browser.findElement(By.id("arch-detail")).isDisplayed()
                && browser.findElement(By.id("arch-detail")).getText().contains("jnas train nb201 --arch"));
        assertThat(browser.findElements(By.cssSelector("#arch-detail svg.cell"))).hasSize(1);
        screenshot("nat-finished");
        assertThat(new File(Path.of("target", "ui-screenshots", "nat-finished.png").toString())).exists();
    }
}
