package io.jnas.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code jnas help [COMMAND [SUB-COMMAND ...]]}: the usage of any command of the tree. */
@Command(name = "help", description = "Show the usage of jnas or of a command: jnas help search mote.")
final class HelpCommand implements Callable<Integer>, NoKernels {
    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command, then its sub-command, ...")
    List<String> path = List.of();
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine c = spec.commandLine().getParent();
        for (String name : path) {
            CommandLine sub = c.getSubcommands().get(name);
            if (sub == null) {
                throw new IllegalArgumentException("'" + String.join(" ", path) + "' is not a command; the commands of "
                        + c.getCommandName() + " are " + String.join(", ", c.getSubcommands().keySet()));
            }
            c = sub;
        }
        c.usage(spec.commandLine().getOut());
        return 0;
    }
}
