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
            Subcommand.acceptingAws("replay", "replay stream event files through the handler and show what it did",
                    ReplayCommand.class),
            Subcommand.refusingAws("watch", "the local event source mapping: poll the stream, invoke the handler with batches",
                    WatchCommand.class, "in AWS the deployed event source mapping already delivers the stream to the deployed function"),
            Subcommand.refusingAws("schema-load", "create the table, its index and stream from the schema (if missing)",
                    SchemaLoadCommand.class, "the real table is created by the CDK app"),
            Subcommand.refusingAws("list-tables", "list the tables, one per line",
                    ListTablesCommand.class, "it only lists DynamoDB Local's tables"),
            Subcommand.refusingAws("seed", "load the sample conversation (or FILE) into the table",
                    SeedCommand.class, "it never writes sample data to the real table"),
            Subcommand.refusingAws("scan", "print every item as one line of DynamoDB JSON, sorted by pk then sk",
                    ScanCommand.class, "it would read the whole real table"),
            Subcommand.refusingAws("drop", "delete the table (needs --yes; never on AWS)",
                    DropCommand.class, "the real table is deleted only through the CDK app"),
            Subcommand.acceptingAws("conversations", "a user's conversation list, newest first (access pattern B)",
                    ConversationsCommand.class),
            Subcommand.acceptingAws("messages", "a conversation's messages, newest first (access pattern A)",
                    MessagesCommand.class),
            Subcommand.refusingAws("send", "put a new message into a conversation (access pattern C)",
                    SendCommand.class, "it would post a message into a real conversation"));

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
