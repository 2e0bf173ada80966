package io.jnas.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Entry point of the {@code jnas} command. Exit codes: 0 success, 2 user error (one line on
 * stderr naming the problem and the fix), 1 internal error.
 */
@Command(name = "jnas", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Neural architecture search on the JVM: MAE-NAS, MOTE-NAS and NATv2 on DJL/libtorch.",
        subcommands = {DemoCommand.class, SearchCommand.class, EstimateCommand.class, TrainCommand.class, ResumeCommand.class, CostCommand.class, SupernetCommand.class, FinetuneCommand.class,
                DataCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("jnas: " + ex.getMessage() + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Throwable t = ex;
            while ((t instanceof java.io.UncheckedIOException || t instanceof java.util.concurrent.CompletionException
                    || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof UserError || t instanceof IllegalArgumentException) {
                err.println("jnas: " + t.getMessage());
                return 2;
            }
            if (t instanceof io.jnas.train.Diverged) {
                err.println("jnas: " + t.getMessage());
                return 1;
            }
            if (t instanceof java.io.IOException) {
                err.println("jnas: I/O error: " + t.getMessage());
                return 2;
            }
            err.println("jnas: internal error: " + t);
            if (System.getenv("JNAS_DEBUG") != null) {
                t.printStackTrace(err);
            } else {
                err.println("jnas: set JNAS_DEBUG=1 for the stack trace and report it");
            }
            return 1;
        });
        return cl.execute(args);
    }

    /** Prints the jnas, DJL and libtorch versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jnas " + io.jnas.run.Versions.jnas(), "DJL " + io.jnas.run.Versions.djl(),
                    "libtorch " + io.jnas.run.Versions.torch()};
        }
    }
}
