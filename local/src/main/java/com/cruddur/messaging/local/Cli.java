package com.cruddur.messaging.local;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The command line: dispatches to one {@link Command} per subcommand and turns problems into one
 * line on standard error and an exit status. Never calls {@code System.exit}: {@link Main} does,
 * so the tests run commands in-process and read their output.
 */
public final class Cli {

    static final String PROGRAM = "messaging-local";
    /** Exit status of an unexpected failure (a bug): EX_SOFTWARE. */
    static final int INTERNAL_ERROR = 70;

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command command : List.of(
                new ReplayCommand(),
                new WatchCommand(),
                new SchemaLoadCommand(),
                new ListTablesCommand(),
                new SeedCommand(),
                new ScanCommand(),
                new DropCommand(),
                new ConversationsCommand(),
                new MessagesCommand(),
                new SendCommand(),
                new BenchCommand(),
                new ColdStartCommand())) {
            COMMANDS.put(command.name(), command);
        }
    }

    private Cli() {
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
    public static int run(String[] args, PrintStream out, PrintStream err, Style style) {
        if (args.length == 0) {
            err.println("usage: " + PROGRAM + " COMMAND [OPTIONS]   (" + PROGRAM + " --help lists the commands)");
            return ExitCode.BAD_INPUT;
        }
        String name = args[0];
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            out.print(overview());
            return ExitCode.OK;
        }
        Command command = COMMANDS.get(name);
        if (command == null) {
            err.println(PROGRAM + ": unknown command '" + name + "' (see --help)");
            err.println("commands: " + String.join(", ", COMMANDS.keySet()));
            return ExitCode.BAD_INPUT;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (asksForHelp(rest)) {
            out.print(help(command));
            return ExitCode.OK;
        }
        String prefix = PROGRAM + " " + command.name() + ": ";
        try {
            return command.run(rest, new Command.Io(out, err, style));
        } catch (UsageException e) {
            err.println(prefix + e.getMessage() + " (see --help)");
            err.println("usage: " + PROGRAM + " " + command.synopsis());
            return e.exitCode();
        } catch (CliException e) {
            err.println(prefix + e.getMessage());
            return e.exitCode();
        } catch (SdkClientException e) {
            err.println(prefix + "cannot reach DynamoDB (" + Json.firstLine(e.getMessage()) + ")");
            return ExitCode.DYNAMODB_ERROR;
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
            err.println(prefix + "DynamoDB rejected a request: " + (code == null ? "" : code + ": ")
                    + Json.firstLine(message));
            return ExitCode.DYNAMODB_ERROR;
        } catch (SdkException e) {
            err.println(prefix + "DynamoDB: " + Json.firstLine(e.getMessage()));
            return ExitCode.DYNAMODB_ERROR;
        } catch (RuntimeException e) {
            err.println(prefix + "unexpected error (a bug; please report it with this trace): " + e);
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        }
    }

    /** The top-level help: every command with its summary, the targets, the exit statuses. */
    static String overview() {
        StringBuilder help = new StringBuilder()
                .append(PROGRAM).append(": run Cruddur's message-group stream handler (the deployed class) on your laptop\n\n")
                .append("usage: ").append(PROGRAM).append(" COMMAND [OPTIONS]      (./dev COMMAND ... from the repository)\n\n")
                .append("commands:\n");
        for (Command command : COMMANDS.values()) {
            help.append(String.format("  %-14s %s%n", command.name(), command.summary()));
        }
        help.append("\n").append(TARGETS).append("\n\n")
                .append(PROGRAM).append(" COMMAND --help describes a command.\n\n")
                .append(ExitCode.HELP).append('\n');
        return help.toString();
    }

    /** Where commands run, shared by every {@code --help}. */
    static final String TARGETS = """
            where commands run (same options on every command):
              (default)       a fresh DynamoDB Local started in this process ("embedded"): the table, its index
                              and stream created from the schema (as the CDK app does) and, except for
                              schema-load and seed, the sample conversation loaded; discarded when the
                              command exits. Needs no AWS account and no Docker.
              --endpoint URL  a DynamoDB Local that is already running, e.g. http://localhost:8000 (docker-compose)
              --aws           the real table (default credential chain and region); only replay, conversations
                              and messages accept it
              --table NAME    the table (default cruddur-messages)""";

    static String help(Command command) {
        return "usage: " + PROGRAM + " " + command.synopsis() + "\n\n" + command.summary() + "\n\n"
                + command.details().stripTrailing() + "\n\n" + TARGETS + "\n\n" + ExitCode.HELP + "\n";
    }

    private static boolean asksForHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }
}
