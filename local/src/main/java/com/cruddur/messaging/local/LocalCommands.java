package com.cruddur.messaging.local;

import com.cruddur.messaging.local.mapping.WatchCommand;
import com.cruddur.messaging.local.replay.ReplayCommand;
import com.cruddur.messaging.local.table.ConversationsCommand;
import com.cruddur.messaging.local.table.DropCommand;
import com.cruddur.messaging.local.table.ListTablesCommand;
import com.cruddur.messaging.local.table.MessagesCommand;
import com.cruddur.messaging.local.table.ScanCommand;
import com.cruddur.messaging.local.table.SchemaLoadCommand;
import com.cruddur.messaging.local.table.SeedCommand;
import com.cruddur.messaging.local.table.SendCommand;
import com.cruddur.messaging.ops.OpsCommands;
import com.cruddur.messaging.ops.Program;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Subcommand;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * The developer CLI, {@code messaging-local} ({@code ./dev COMMAND}): its own commands, which run
 * the handler and the table on DynamoDB Local, and the ops commands beside them. A new command is
 * a line here; {@code --aws} only for the entries that accept it.
 */
public final class LocalCommands {

    public static final String PROGRAM = "messaging-local";

    /** Its own subcommands, in the order {@code --help} lists them (the ops commands follow). */
    private static final List<Subcommand> OWN = List.of(
            Subcommand.acceptingAws(ReplayCommand.NAME, ReplayCommand.SUMMARY, ReplayCommand.class),
            Subcommand.refusingAws(WatchCommand.NAME, WatchCommand.SUMMARY, WatchCommand.class, WatchCommand.NOT_ON_AWS),
            Subcommand.refusingAws(SchemaLoadCommand.NAME, SchemaLoadCommand.SUMMARY, SchemaLoadCommand.class,
                    SchemaLoadCommand.NOT_ON_AWS),
            Subcommand.refusingAws(ListTablesCommand.NAME, ListTablesCommand.SUMMARY, ListTablesCommand.class,
                    ListTablesCommand.NOT_ON_AWS),
            Subcommand.refusingAws(SeedCommand.NAME, SeedCommand.SUMMARY, SeedCommand.class, SeedCommand.NOT_ON_AWS),
            Subcommand.refusingAws(ScanCommand.NAME, ScanCommand.SUMMARY, ScanCommand.class, ScanCommand.NOT_ON_AWS),
            Subcommand.refusingAws(DropCommand.NAME, DropCommand.SUMMARY, DropCommand.class, DropCommand.NOT_ON_AWS),
            Subcommand.acceptingAws(ConversationsCommand.NAME, ConversationsCommand.SUMMARY, ConversationsCommand.class),
            Subcommand.acceptingAws(MessagesCommand.NAME, MessagesCommand.SUMMARY, MessagesCommand.class),
            Subcommand.refusingAws(SendCommand.NAME, SendCommand.SUMMARY, SendCommand.class, SendCommand.NOT_ON_AWS));

    /** Every subcommand, in the order {@code --help} lists them: its own, then the ops tool's. */
    public static final List<Subcommand> ALL = Stream.concat(OWN.stream(), OpsCommands.ALL.stream()).toList();

    /** The program. */
    public static final Program.Definition DEFINITION = new Program.Definition(PROGRAM,
            "run Cruddur's message-group stream handler (the deployed class) on your laptop", ALL, new EmbeddedTargets());

    private LocalCommands() {
    }

    /** Runs a command line with Unicode output; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(DEFINITION, args, out, err, Style.UNICODE);
    }
}
