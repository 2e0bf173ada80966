package io.jnas.cli;

import picocli.CommandLine.Command;

/** {@code jnas search}: architecture search. */
@Command(name = "search", description = "Search for an architecture.",
        subcommands = {DiffSearchCommand.MaeNas.class, DiffSearchCommand.Darts.class, MoteCommand.class, NatCommand.class})
final class SearchCommand implements NoKernels {
}
