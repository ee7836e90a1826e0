package com.cruddur.messaging.local;

import com.cruddur.messaging.local.bench.BenchCommand;
import com.cruddur.messaging.local.bench.ColdStartCommand;
import com.cruddur.messaging.local.bench.ReconcileBenchCommand;
import com.cruddur.messaging.local.mapping.WatchCommand;
import com.cruddur.messaging.local.ops.ReconcileCommand;
import com.cruddur.messaging.local.ops.RedriveCommand;
import com.cruddur.messaging.local.ops.doctor.DoctorCommand;
import com.cruddur.messaging.local.replay.ReplayCommand;
import com.cruddur.messaging.local.table.ConversationsCommand;
import com.cruddur.messaging.local.table.DropCommand;
import com.cruddur.messaging.local.table.ListTablesCommand;
import com.cruddur.messaging.local.table.MessagesCommand;
import com.cruddur.messaging.local.table.ScanCommand;
import com.cruddur.messaging.local.table.SchemaLoadCommand;
import com.cruddur.messaging.local.table.SeedCommand;
import com.cruddur.messaging.local.table.SendCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The command line: the top command, its subcommands ({@link #COMMANDS}, one annotated class
 * each), and the one place where failures become a line on standard error and an
 * {@link ExitCode}. Never calls {@code System.exit}: {@link Main} does, so the tests run commands
 * in-process and read their output.
 *
 * <p>Start-up is most of what a short command costs. picocli builds an annotated command by
 * reflection, and the first annotation a JVM reads costs about 100 ms (the JDK generates the
 * annotation's proxy class). So the top command is built here from its model, {@code --help}
 * lists the subcommands from their {@code NAME} and {@code SUMMARY} constants (which their
 * {@code @Command}s use too), and only the subcommand a command line runs is built from its class.
 */
public final class MessagingLocal
        implements Callable<Integer>, IParameterExceptionHandler, IExecutionExceptionHandler {

    public static final String PROGRAM = "messaging-local";

    /** picocli's switch for built-in type converters not to register (a regex of class names). */
    private static final String CONVERTERS_EXCLUDES = "picocli.converters.excludes";

    /**
     * A subcommand: its name and summary (for --help and for choosing it), and its class.
     *
     * @param name    the name on the command line, the {@code name} of its {@code @Command}
     * @param summary its line in the command list, the first line of its description
     * @param type    the annotated class
     */
    record Subcommand(String name, String summary, Class<? extends CliCommand> type) {
    }

    /** The subcommands, in the order {@code --help} lists them. A new command is a line here. */
    static final List<Subcommand> COMMANDS = List.of(
            new Subcommand(ReplayCommand.NAME, ReplayCommand.SUMMARY, ReplayCommand.class),
            new Subcommand(WatchCommand.NAME, WatchCommand.SUMMARY, WatchCommand.class),
            new Subcommand(SchemaLoadCommand.NAME, SchemaLoadCommand.SUMMARY, SchemaLoadCommand.class),
            new Subcommand(ListTablesCommand.NAME, ListTablesCommand.SUMMARY, ListTablesCommand.class),
            new Subcommand(SeedCommand.NAME, SeedCommand.SUMMARY, SeedCommand.class),
            new Subcommand(ScanCommand.NAME, ScanCommand.SUMMARY, ScanCommand.class),
            new Subcommand(DropCommand.NAME, DropCommand.SUMMARY, DropCommand.class),
            new Subcommand(ConversationsCommand.NAME, ConversationsCommand.SUMMARY, ConversationsCommand.class),
            new Subcommand(MessagesCommand.NAME, MessagesCommand.SUMMARY, MessagesCommand.class),
            new Subcommand(SendCommand.NAME, SendCommand.SUMMARY, SendCommand.class),
            new Subcommand(RedriveCommand.NAME, RedriveCommand.SUMMARY, RedriveCommand.class),
            new Subcommand(ReconcileCommand.NAME, ReconcileCommand.SUMMARY, ReconcileCommand.class),
            new Subcommand(DoctorCommand.NAME, DoctorCommand.SUMMARY, DoctorCommand.class),
            new Subcommand(BenchCommand.NAME, BenchCommand.SUMMARY, BenchCommand.class),
            new Subcommand(ColdStartCommand.NAME, ColdStartCommand.SUMMARY, ColdStartCommand.class),
            new Subcommand(ReconcileBenchCommand.NAME, ReconcileBenchCommand.SUMMARY, ReconcileBenchCommand.class));

    private final CliCommand.Io io;

    private MessagingLocal(CliCommand.Io io) {
        this.io = io;
    }

    /** Runs a command line with Unicode output. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Style.UNICODE);
    }

    /**
     * Runs a command line.
     *
     * @return the exit status, see {@link ExitCode}
     */
    static int run(String[] args, PrintStream out, PrintStream err, Style style) {
        MessagingLocal top = new MessagingLocal(new CliCommand.Io(out, err, style));
        try {
            return top.commandLine(invoked(args)).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a command: the usage line. */
    @Override
    public Integer call() {
        io.err().println("usage: " + PROGRAM + " COMMAND [OPTIONS]   (" + PROGRAM + " --help lists the commands)");
        return ExitCode.BAD_INPUT.code();
    }

    CliCommand.Io io() {
        return io;
    }

    /** The whole command tree, every subcommand built: for the completion script and the tests. */
    static CommandLine commandLine() {
        return new MessagingLocal(new CliCommand.Io(System.out, System.err, Style.UNICODE)).commandLine(null);
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
        CommandLine cli = new CommandLine(topCommand());
        for (Subcommand command : COMMANDS) {
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
                .setExecutionExceptionHandler(this);
        Usage.registerConverters(cli);
        List<CommandLine> all = new ArrayList<>(List.of(cli));
        all.addAll(cli.getSubcommands().values());
        for (CommandLine command : all) {
            CommandSpec spec = command.getCommandSpec();
            spec.exitCodeOnInvalidInput(ExitCode.BAD_INPUT.code());
            spec.exitCodeOnExecutionException(ExitCode.BUG.code());
            spec.usageMessage()
                    .exitCodeListHeading("%nexit status:%n")
                    .exitCodeList(ExitCode.helpList())
                    .parameterListHeading("%narguments:%n")
                    .optionListHeading("%noptions:%n")
                    .footerHeading("%n");
            if (command != cli) {
                spec.usageMessage().synopsisHeading("usage: ").descriptionHeading("%n");
            }
            HelpText.install(command);
        }
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, new CommandList(true));
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList(false));
        return cli;
    }

    /** The top command, from its model rather than annotations (see the class comment). */
    private CommandSpec topCommand() {
        CommandSpec top = CommandSpec.wrapWithoutInspection(this).name(PROGRAM).versionProvider(new BuildInfo());
        top.usageMessage()
                .header(PROGRAM + ": run Cruddur's message-group stream handler (the deployed class) on your laptop")
                .synopsisHeading("%nusage: ")
                .customSynopsis(PROGRAM + " COMMAND [OPTIONS]      (./dev COMMAND ... from the repository)")
                .footer(Target.HELP, "", PROGRAM + " COMMAND --help describes a command.");
        top.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("show this help and exit").build());
        top.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("show the version, the handler and the libraries it was built with, and exit").build());
        return top;
    }

    /** The command list of the top command's help: each subcommand's name and summary. */
    private static final class CommandList implements IHelpSectionRenderer {

        private final boolean heading;

        CommandList(boolean heading) {
            this.heading = heading;
        }

        @Override
        public String render(Help help) {
            if (heading) {
                return String.format("%ncommands:%n");
            }
            StringBuilder list = new StringBuilder();
            for (Subcommand command : COMMANDS) {
                list.append(String.format("  %-14s %s%n", command.name(), command.summary()));
            }
            return list.toString();
        }
    }

    /** A bad command line: one line naming the problem, then the usage line (or the commands). */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        boolean top = where.getCommand() == this;
        io.err().println(where.getCommandSpec().qualifiedName() + ": " + Usage.problem(e, top) + " (see --help)");
        if (top) {
            io.err().println("commands: " + String.join(", ", COMMANDS.stream().map(Subcommand::name).toList()));
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
                var details = rejected.awsErrorDetails();
                String message = details != null && details.errorMessage() != null ? details.errorMessage() : rejected.getMessage();
                String code = details != null ? details.errorCode() : null;
                io.err().println(prefix + "DynamoDB rejected a request: " + (code == null ? "" : code + ": ")
                        + Style.firstLine(message));
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
