package io.jnas.cli;

import io.jnas.run.Versions;
import io.jnas.train.Diverged;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Entry point of the {@code jnas} command. Exit codes: 0 success, 2 user error (one line on stderr naming the problem
 * and the fix), 1 internal error. Every command and sub-command answers {@code --help}.
 */
@Command(name = "jnas", versionProvider = Main.Version.class,
        description = "Neural architecture search on the JVM: MAE-NAS, MOTE-NAS and NATv2 on DJL/libtorch.",
        subcommands = {DemoCommand.class, SearchCommand.class, EstimateCommand.class, TrainCommand.class, ResumeCommand.class,
            CostCommand.class, SupernetCommand.class, FinetuneCommand.class, ExportCommand.class, PredictCommand.class,
            DataCommand.class, BenchCommand.class, ClusterCommand.class, DoctorCommand.class, UiCommand.class, LatencyCommand.class,
            HelpCommand.class})
public final class Main implements NoKernels {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The whole command tree with jnas's help options and error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        addHelp(cl);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("jnas: " + ex.getMessage().replace("\n", " ").strip() + " (see: "
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine.getErr()));
        cl.setExecutionStrategy(Main::execute);
        return cl;
    }

    /**
     * Runs the parsed command; before any command that computes (not help or version), libtorch's kernels are set up
     * for this machine, checked once per machine (io.jnas.kernel.Kernels), so that oneDNN never starts with a setting
     * that gives wrong results here.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
        io.jnas.run.Progress.display(new TerminalProgress());
        if (!(last.getCommand() instanceof NoKernels)) {
            io.jnas.kernel.Kernels.configure(last.getErr()::println);
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** --help and --version on every command of the tree. */
    private static void addHelp(CommandLine cl) {
        cl.getCommandSpec().mixinStandardHelpOptions(true);
        cl.getSubcommands().values().forEach(Main::addHelp);
    }

    private static int failure(Exception ex, PrintWriter err) {
        Throwable t = ex;
        while ((t instanceof UncheckedIOException || t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException || t instanceof IOException || t instanceof Diverged) {
            err.println("jnas: " + (t instanceof IOException ? "I/O error: " : "") + t.getMessage());
            return t instanceof Diverged ? 1 : 2;
        }
        err.println("jnas: internal error: " + t);
        if (System.getenv("JNAS_DEBUG") != null) {
            t.printStackTrace(err);
        } else {
            err.println("jnas: set JNAS_DEBUG=1 for the stack trace and report it");
        }
        return 1;
    }

    /** Prints the jnas, DJL and libtorch versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jnas " + Versions.jnas(), "DJL " + Versions.djl(), "libtorch " + Versions.torch()};
        }
    }
}
