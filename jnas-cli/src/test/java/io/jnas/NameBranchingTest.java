package io.jnas;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.engine.Engines;
import io.jnas.estimate.Estimators;
import io.jnas.experiment.Experiments;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.search.Strategies;
import io.jnas.train.ofa.SupernetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "Nothing outside a registry branches on a registered name" (docs/architecture.md), checked on the sources: a
 * comparison with the name of a space, estimator, strategy, engine or experiment ({@code .equals("nb201")},
 * {@code "mote".equals(...)}, {@code case "spark"}, {@code .contains("mote")}) may appear only in the packages that
 * define that kind of extension. ArchUnit sees classes and calls, not string constants, so this rule reads the source.
 * A new extension that needs a branch elsewhere asks its provider instead.
 */
class NameBranchingTest {
    /** The modules' sources (tests run in the checkout's root). */
    private static final List<Path> MAIN = List.of("jnas-core", "jnas-spark", "jnas-ui", "jnas-cli").stream()
            .map(m -> Path.of(m, "src", "main", "java", "io", "jnas")).toList();

    /** Where each kind's names may be compared: the packages that define and register that kind. */
    private static final Map<String, List<String>> HOMES = Map.of(
            "space", List.of("nn/kit/", "space/", "train/ofa/"),
            "estimator", List.of("estimate/"),
            "strategy", List.of("search/"),
            "engine", List.of("engine/", "cluster/"),
            "experiment", List.of("experiment/"));

    /**
     * Comparisons with a string that is also a registered name but means something else there: file, the string, why.
     */
    private static final Set<String> OTHER_MEANING = Set.of(
            "data/reduce/RdSpec.java random", // the reduced data set's random selection method, not the strategy
            "data/ImageFolderReader.java train", // an image folder's train/ sub-folder, not the experiment
            // the few-shot ranker's label draw (random, random:K, spread), not the strategy
            "estimate/EstimatorSpec.java random",
            "estimate/MoteConfig.java macs", // MOTE's speed term measured in MACs, and its landscape on the train mode
            "estimate/MoteConfig.java train",
            "estimate/MoteEstimator.java train",
            "search/nat/NatConfig.java params", // objective names of the NAT search, not the estimators
            "search/nat/NatConfig.java macs",
            "search/nat/NatConfig.java nat", // NAT's policy (nat or natv2), its own setting
            "search/nat/Member.java params",
            "search/nat/Member.java macs",
            "search/nat/Objectives.java params",
            "search/nat/Objectives.java macs",
            // search mote's --validation table|trained: the value names what validates the top k ("trained": training
            // each, by the trained estimator), an option of that command and of nothing else
            "experiment/SearchRun.java table",
            "experiment/SearchRun.java trained",
            "experiment/SearchExperiment.java trained",
            "cli/MoteCommand.java trained");

    @Test
    void registeredNamesAreComparedOnlyWhereTheirKindIsDefined() throws IOException {
        Map<String, String> kindOf = new LinkedHashMap<>();
        SpaceKits.names().forEach(n -> kindOf.put(n, "space"));
        SupernetSpec.SPACES.forEach(n -> kindOf.put(n, "space"));
        Estimators.names().forEach(n -> kindOf.putIfAbsent(n, "estimator"));
        Strategies.names().forEach(n -> kindOf.putIfAbsent(n, "strategy"));
        Engines.names().forEach(n -> kindOf.putIfAbsent(n, "engine"));
        Experiments.names().forEach(n -> kindOf.putIfAbsent(n, "experiment"));
        List<String> found = new ArrayList<>();
        for (Path root : MAIN) {
            assertThat(root).isDirectory();
            scan(root, comparisons(kindOf.keySet()), kindOf, found);
        }
        assertThat(found).as("branches on registered names outside their registries").isEmpty();
    }

    private static void scan(Path root, Pattern compare, Map<String, String> kindOf, List<String> found) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = compare.matcher(lines.get(i));
                    while (m.find()) {
                        String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                        String kind = kindOf.get(name);
                        boolean home = HOMES.get(kind).stream().anyMatch(rel::startsWith);
                        if (!home && !OTHER_MEANING.contains(rel + " " + name)) {
                            found.add(rel + ":" + (i + 1) + " compares the " + kind + " name '" + name + "'");
                        }
                    }
                }
            }
        }
    }

    /** A comparison of a string with one of {@code names}: the name is the first non-null group. */
    static Pattern comparisons(java.util.Collection<String> names) {
        String alt = String.join("|", names.stream().map(Pattern::quote).toList());
        return Pattern.compile("(?:\\.(?:equals|equalsIgnoreCase|contains|startsWith)\\(\"(" + alt + ")\"\\))"
                + "|(?:\"(" + alt + ")\"\\.equals)|(?:case \"(" + alt + ")\")");
    }

    @Test
    void theRuleSeesEachFormOfBranch() {
        Pattern p = comparisons(List.of("nb201", "mote"));
        assertThat(p.matcher("if (space.equals(\"nb201\")) {").find()).isTrue();
        assertThat(p.matcher("if (\"mote\".equals(name)) {").find()).isTrue();
        assertThat(p.matcher("case \"nb201\" -> 1;").find()).isTrue();
        assertThat(p.matcher("names.contains(\"mote\")").find()).isTrue();
        assertThat(p.matcher("String s = \"nb201\";").find()).isFalse();
        assertThat(p.matcher("x.equals(\"nb201x\")").find()).isFalse();
    }
}
