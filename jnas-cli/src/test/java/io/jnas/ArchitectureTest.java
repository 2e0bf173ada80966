package io.jnas;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of jnas (docs/architecture.md), checked on every build: dependencies run one way between the role
 * packages, and the command line neither touches tensors nor reaches a method's internals except through its
 * experiment.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        // the main classes of all four modules (this test runs in jnas-cli, which sees jnas-core, jnas-spark, jnas-ui), not the
        // core's test fixtures (its test-jar)
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(l -> !l.contains("-tests.jar") && !l.contains("/test-classes/")).importPackages("io.jnas");
    }

    @Test
    void dependenciesRunOneWayBetweenTheRoles() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("run").definedBy("io.jnas.run..")
                .layer("kernel").definedBy("io.jnas.kernel..")
                .layer("space").definedBy("io.jnas.space..")
                .layer("nn").definedBy("io.jnas.nn..")
                .layer("data").definedBy("io.jnas.data..")
                .layer("report").definedBy("io.jnas.report..")
                .layer("train").definedBy("io.jnas.train..")
                .layer("doctor").definedBy("io.jnas.doctor..")
                .layer("engine").definedBy("io.jnas.engine..")
                .layer("estimate").definedBy("io.jnas.estimate..")
                .layer("latency").definedBy("io.jnas.latency..")
                .layer("search").definedBy("io.jnas.search..")
                .layer("experiment").definedBy("io.jnas.experiment..")
                .layer("export").definedBy("io.jnas.export..")
                .layer("cluster").definedBy("io.jnas.cluster..")
                .layer("ui").definedBy("io.jnas.ui..")
                .layer("cli").definedBy("io.jnas.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("doctor").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("experiment").mayOnlyBeAccessedByLayers("export", "cli")
                .whereLayer("export").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("latency").mayOnlyBeAccessedByLayers("experiment", "export", "cli")
                .whereLayer("search").mayOnlyBeAccessedByLayers("experiment", "cli")
                .whereLayer("estimate").mayOnlyBeAccessedByLayers("engine", "search", "experiment", "cluster", "ui", "cli")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("search", "experiment", "cluster", "cli")
                .whereLayer("train").mayOnlyBeAccessedByLayers("doctor", "estimate", "latency", "search", "experiment", "cli",
                        "export")
                .whereLayer("report").mayOnlyBeAccessedByLayers("experiment", "cli")
                .whereLayer("data").mayOnlyBeAccessedByLayers("train", "estimate", "engine", "search", "experiment", "cluster", "cli",
                        "export")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("train", "doctor", "estimate", "latency", "search", "experiment", "cli",
                        "export")
                .whereLayer("kernel").mayOnlyBeAccessedByLayers("nn", "train", "doctor", "estimate", "latency", "engine", "experiment",
                        "cluster", "cli")
                .whereLayer("space").mayOnlyBeAccessedByLayers("nn", "report", "train", "doctor", "estimate", "latency", "search",
                        "experiment",
                        "ui", "cli", "export")
                .check(classes);
    }

    @Test
    void theCommandLineDoesNotTouchTensors() {
        noClasses().that().resideInAPackage("io.jnas.cli..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl.ndarray..", "ai.djl.pytorch..", "ai.djl.training..", "ai.djl.engine..")
                .because("cli only turns options into a configuration and runs an experiment").check(classes);
    }

    /** DJL's mul/div(Number) free their constant while autograd keeps it: use io.jnas.nn.Scalar (see its Javadoc). */
    @Test
    void constantFactorsGoThroughScalar() {
        var rule = noClasses().that().resideInAPackage("io.jnas..")
                .and().doNotHaveFullyQualifiedName("io.jnas.train.Optimizer") // updates run without autograd
                .and().doNotHaveFullyQualifiedName("io.jnas.train.FlatUpdate") // the optimizer's flat update, as well
                .and().resideOutsideOfPackage("io.jnas.data..") // batches are built without autograd
                .should().callMethod(ai.djl.ndarray.NDArray.class, "mul", Number.class)
                .orShould().callMethod(ai.djl.ndarray.NDArray.class, "div", Number.class)
                .orShould().callMethod(ai.djl.ndarray.NDArray.class, "muli", Number.class)
                .orShould().callMethod(ai.djl.ndarray.NDArray.class, "divi", Number.class)
                .orShould().callMethod(ai.djl.ndarray.NDArray.class, "pow", Number.class)
                .because("the constant's memory is freed while autograd still needs it; use io.jnas.nn.Scalar");
        rule.check(classes);
    }

    @Test
    void spacesKnowNothingOfTensorsOrTraining() {
        noClasses().that().resideInAPackage("io.jnas.space..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "io.jnas.nn..", "io.jnas.train..", "io.jnas.data..")
                .check(classes);
    }

    @Test
    void strategiesKnowNothingOfNetworks() {
        noClasses().that().resideInAPackage("io.jnas.search").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "io.jnas.nn..", "io.jnas.train..").check(classes);
        noClasses().that().resideInAPackage("io.jnas.search.nat..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "io.jnas.nn..", "io.jnas.train..").check(classes);
    }

    /**
     * The modules follow the layers: jnas-core (everything but cli, cluster and ui) knows neither the command line nor
     * Spark nor the web server, jnas-spark (cluster) not the command line, jnas-ui reads run folders without the
     * command line, Spark or libtorch; so the library is usable without any of them.
     */
    @Test
    void theCoreModuleNeedsNeitherTheCommandLineNorSpark() {
        noClasses().that().resideOutsideOfPackages("io.jnas.cli..", "io.jnas.cluster..", "io.jnas.ui..").should()
                .dependOnClassesThat().resideInAnyPackage("io.jnas.cli..", "io.jnas.cluster..", "io.jnas.ui..", "picocli..",
                        "me.tongfei..", "org.apache.spark..", "scala..", "io.javalin..", "org.eclipse.jetty..").check(classes);
        noClasses().that().resideInAPackage("io.jnas.ui..").should().dependOnClassesThat()
                .resideInAnyPackage("io.jnas.cli..", "io.jnas.cluster..", "picocli..", "org.apache.spark..", "ai.djl..")
                .check(classes);
        noClasses().that().resideInAPackage("io.jnas.cluster..").should().dependOnClassesThat()
                .resideInAnyPackage("io.jnas.cli..", "picocli..", "me.tongfei..").check(classes);
    }

    @Test
    void allFourModulesAreChecked() {
        assertThat(classes.contain("io.jnas.run.RunDir")).isTrue();
        assertThat(classes.contain("io.jnas.cluster.SparkEngine")).isTrue();
        assertThat(classes.contain("io.jnas.cli.Main")).isTrue();
        assertThat(classes.contain("io.jnas.ui.UiServer")).isTrue();
        assertThat(classes.contain("io.jnas.toy.ToyKit")).as("test fixtures are not checked").isFalse();
    }
}
