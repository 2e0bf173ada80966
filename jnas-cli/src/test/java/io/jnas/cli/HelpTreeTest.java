package io.jnas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and sub-command of the tree answers --help (and jnas help PATH) with its own usage and exit 0. */
class HelpTreeTest {

    private static void collect(CommandLine c, List<String> path, List<List<String>> out) {
        for (var e : c.getSubcommands().entrySet()) {
            if (e.getValue().getParent() != c) {
                continue; // an alias
            }
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            out.add(p);
            collect(e.getValue(), p, out);
        }
    }

    @Test
    void everyCommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), List.of(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("demo", "search mote", "search nat", "search mae-nas",
                "train darts", "bench supernet", "bench front", "supernet train", "cost ofa", "resume", "estimate", "help");
        for (List<String> p : paths) {
            List<String> args = new ArrayList<>(p);
            args.add("--help");
            CliTest.Run r = CliTest.run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: jnas " + String.join(" ", p));
            if (!p.get(0).equals("help")) {
                List<String> help = new ArrayList<>(List.of("help"));
                help.addAll(p);
                CliTest.Run h = CliTest.run(help.toArray(String[]::new));
                assertThat(h.code()).as(String.join(" ", help)).isZero();
                assertThat(h.out()).as(String.join(" ", help)).isEqualTo(r.out());
            }
        }
    }

    @Test
    void helpOfAnUnknownCommandIsOneLine() {
        CliTest.Run r = CliTest.run("help", "search", "magic");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("jnas: 'search magic' is not a command; the commands of search are mae-nas, darts, "
                + "mote, nat");
    }
}
