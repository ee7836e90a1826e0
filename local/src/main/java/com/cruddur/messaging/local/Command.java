package com.cruddur.messaging.local;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the CLI. */
interface Command {

    /** Where a command writes: the report on {@code out}, problems and progress on {@code err}. */
    record Io(PrintStream out, PrintStream err, Style style) {
    }

    /** The name on the command line, such as {@code replay}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The synopsis, such as {@code replay [--endpoint URL | --aws] ... EVENT.json...}. */
    String synopsis();

    /** The rest of {@code --help}: what the command does, its options, an example. */
    String details();

    /**
     * Runs the command.
     *
     * @return the exit status ({@link ExitCode})
     * @throws CliException for a problem to report in one line with its exit status
     */
    int run(List<String> argv, Io io);
}
