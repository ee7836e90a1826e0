package com.cruddur.messaging.ops;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A command-line program: its top command, its subcommands ({@link Subcommand}, one annotated class
 * each, listed by the program), and the one place where failures become a line on standard error
 * and an {@link ExitCode}. The ops tool and the developer CLI are each one of these, with their own
 * commands and their own way of opening a target ({@link TargetOpener}). Never calls
 * {@code System.exit}: each program's {@code Main} does, so the tests run commands in-process and
 * read their output.
 *
 * <p>Start-up is most of what a short command costs. picocli builds an annotated command by
 * reflection, and the first annotation a JVM reads costs about 100 ms (the JDK generates the
 * annotation's proxy class). So the top command is built here from its model, {@code --help}
 * lists the subcommands from their names and summaries, and only the subcommand a command line
 * runs is built from its class.
 */
public final class Program implements Callable<Integer>, IParameterExceptionHandler, IExecutionExceptionHandler,
        IExecutionStrategy {

    /** picocli's switch for built-in type converters not to register (a regex of class names). */
    private static final String CONVERTERS_EXCLUDES = "picocli.converters.excludes";

    /**
     * What a program is.
     *
     * @param name     its name on the command line and in its messages, e.g. {@code messaging-ops}
     * @param header   the first line of its {@code --help}
     * @param commands its subcommands, in the order {@code --help} lists them
     * @param targets  how its commands open the target their options name
     */
    public record Definition(String name, String header, List<Subcommand> commands, TargetOpener targets) {

        /** The subcommand of that name, or null. */
        Subcommand command(String commandName) {
            return commands.stream().filter(c -> c.name().equals(commandName)).findFirst().orElse(null);
        }
    }

    private final Definition definition;
    private final CliCommand.Io io;

    private Program(Definition definition, CliCommand.Io io) {
        this.definition = definition;
        this.io = io;
    }

    /**
     * Runs a command line.
     *
     * @return the exit status, see {@link ExitCode}
     */
    public static int run(Definition definition, String[] args, PrintStream out, PrintStream err, Style style) {
        Program top = new Program(definition, new CliCommand.Io(out, err, style, definition.targets()));
        try {
            return top.commandLine(invoked(args)).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * A program's {@code main}: runs the command line on the process's streams (Unicode marks when
     * standard output is UTF-8) and returns the exit status, also for an error that escapes
     * everything else (a broken class path, say), which it prints with its trace.
     */
    public static int main(Definition definition, String[] args) {
        int code;
        try {
            Style style = StandardCharsets.UTF_8.equals(System.out.charset()) ? Style.UNICODE : Style.ASCII;
            code = run(definition, args, System.out, System.err, style);
        } catch (Throwable e) {
            System.err.println(definition.name() + ": unexpected error (a bug; please report it with this trace): " + e);
            e.printStackTrace();
            code = ExitCode.BUG.code();
        }
        System.out.flush();
        System.err.flush();
        return code;
    }

    /** The whole command tree, every subcommand built: for the completion script and the tests. */
    public static CommandLine commandTree(Definition definition) {
        return new Program(definition, new CliCommand.Io(System.out, System.err, Style.UNICODE, definition.targets()))
                .commandLine(null);
    }

    /** Without a command: the usage line. */
    @Override
    public Integer call() {
        io.err().println("usage: " + definition.name() + " COMMAND [OPTIONS]   (" + definition.name()
                + " --help lists the commands)");
        return ExitCode.BAD_INPUT.code();
    }

    CliCommand.Io io() {
        return io;
    }

    /**
     * Runs the parsed command, after the one check every command gets: {@code --aws} only where the
     * program's list says the command accepts it. A command that does not say so refuses it.
     */
    @Override
    public int execute(ParseResult parsed) {
        ParseResult sub = parsed.subcommand();
        Subcommand command = sub == null ? null : definition.command(sub.commandSpec().name());
        // With --endpoint as well, the command line is wrong before it is refused: TargetOptions says so.
        if (command != null && !command.acceptsAws() && sub.hasMatchedOption(TargetOptions.AWS)
                && !sub.hasMatchedOption(TargetOptions.ENDPOINT)) {
            io.err().println(sub.commandSpec().qualifiedName() + ": refusing to run " + command.name()
                    + " against AWS (" + TargetOptions.AWS + "): " + command.awsRefusal());
            return ExitCode.REFUSED.code();
        }
        return new RunLast().execute(parsed);
    }

    /** The subcommands a command line needs built: the one it runs, or help and the one it asks about. */
    private static Set<String> invoked(String[] args) {
        if (args.length == 0) {
            return Set.of();
        }
        return args[0].equals("help") && args.length > 1 ? Set.of("help", args[1]) : Set.of(args[0]);
    }

    /** The command line, with the subcommands named in {@code build} (null: every one). */
    private CommandLine commandLine(Set<String> build) {
        // No option here is a date, a time or a JDBC type: picocli need not look up its converters
        // for those by reflection, for every command it builds (start-up time again).
        if (System.getProperty(CONVERTERS_EXCLUDES) == null) {
            System.setProperty(CONVERTERS_EXCLUDES, "java\\.(sql|time)\\..*");
        }
        CommandLine cli = new CommandLine(ProgramHelp.topCommand(this, definition));
        for (Subcommand command : definition.commands()) {
            if (build == null || build.contains(command.name())) {
                cli.addSubcommand(command.name(), command.type());
            }
        }
        if (build == null || build.contains("help")) {
            cli.addSubcommand("help", new HelpCommand());
            cli.getSubcommands().get("help").getCommandSpec().usageMessage().hidden(true);
        }
        cli.setOut(writer(io.out()))
                .setErr(writer(io.err()))
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .setUsageHelpWidth(HelpText.WIDTH)
                // As most CLIs: an option given twice takes its last value.
                .setOverwrittenOptionsAllowed(true)
                // Not lambdas: the first lambda of a JVM costs start-up time that --help need not pay.
                .setParameterExceptionHandler(this)
                .setExecutionExceptionHandler(this)
                .setExecutionStrategy(this);
        Usage.registerConverters(cli);
        ProgramHelp.install(cli, definition);
        return cli;
    }

    /** A bad command line: one line naming the problem, then the usage line (or the commands). */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        boolean top = where.getCommand() == this;
        io.err().println(where.getCommandSpec().qualifiedName() + ": " + Usage.problem(e, top) + " (see --help)");
        if (top) {
            io.err().println("commands: " + String.join(", ", definition.commands().stream().map(Subcommand::name).toList()));
        } else {
            // The synopsis on one line (--help wraps it).
            String[] synopsis = where.getCommandSpec().usageMessage().customSynopsis();
            io.err().println("usage: " + (synopsis.length == 0 ? where.getHelp().synopsis(0).strip()
                    : Arrays.stream(synopsis).map(String::strip).collect(Collectors.joining(" "))));
        }
        return ExitCode.BAD_INPUT.code();
    }

    /** A command's failure: one line with its exit status, or, for a bug, the stack trace too. */
    @Override
    public int handleExecutionException(Exception e, CommandLine where, ParseResult parsed) {
        String prefix = where.getCommandSpec().qualifiedName() + ": ";
        switch (e) {
            case CliException problem -> {
                io.err().println(prefix + problem.getMessage());
                return problem.exitCode().code();
            }
            case SdkClientException unreachable -> {
                io.err().println(prefix + "cannot reach DynamoDB (" + Style.firstLine(unreachable.getMessage()) + ")");
                return ExitCode.DYNAMODB_ERROR.code();
            }
            case AwsServiceException rejected -> {
                io.err().println(prefix + "DynamoDB rejected a request: " + AwsErrors.describe(rejected));
                return ExitCode.DYNAMODB_ERROR.code();
            }
            case SdkException other -> {
                io.err().println(prefix + "DynamoDB: " + Style.firstLine(other.getMessage()));
                return ExitCode.DYNAMODB_ERROR.code();
            }
            default -> {
                io.err().println(prefix + "unexpected error (a bug; please report it with this trace): " + e);
                e.printStackTrace(io.err());
                return ExitCode.BUG.code();
            }
        }
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }
}
