package com.cruddur.messaging.ops;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand: a picocli {@code @Command} class whose options are its fields; its name, summary and
 * whether it accepts {@code --aws} are its {@link Subcommand} entry in the program's list. It runs
 * with the streams and the target opener of the program it belongs to and returns an
 * {@link ExitCode}; problems it throws ({@link CliException}, usage errors from {@link #usageError},
 * the AWS SDK's exceptions) become one line and their exit status there.
 */
public abstract class CliCommand implements Callable<Integer> {

    /**
     * What a command works with: its report goes to {@code out}, problems and progress to
     * {@code err}, and {@code targets} opens the target its options name.
     */
    public record Io(PrintStream out, PrintStream err, Style style, TargetOpener targets) {
    }

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Program top;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    /**
     * Runs the command.
     *
     * @return the exit status
     * @throws CliException for a problem to report in one line with its exit status
     */
    protected abstract ExitCode run(Io io);

    @Override
    public final Integer call() {
        return run(top.io()).code();
    }

    /** The command's name on the command line, such as {@code replay}. */
    protected final String name() {
        return spec.name();
    }

    /** A bad command line found after parsing: reported as picocli's own usage errors are. */
    protected final ParameterException usageError(String problem) {
        return new ParameterException(spec.commandLine(), problem);
    }

    /** A whole-number option's value, checked against its bounds. */
    protected final int within(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw usageError("option " + option + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
