package com.cruddur.messaging.ops;

import com.cruddur.messaging.ops.doctor.DoctorCommand;
import com.cruddur.messaging.ops.reconcile.ReconcileCommand;
import com.cruddur.messaging.ops.redrive.RedriveCommand;
import java.io.PrintStream;
import java.util.List;

/**
 * The ops tool, {@code messaging-ops} ({@code java -jar messaging-ops.jar COMMAND}): the commands an
 * operator runs against the real table, each of which accepts {@code --aws}. The developer CLI
 * lists the same entries beside its own.
 */
public final class OpsCommands {

    public static final String PROGRAM = "messaging-ops";

    /** The ops commands, in the order {@code --help} lists them. */
    public static final List<Subcommand> ALL = List.of(
            Subcommand.acceptingAws("redrive", "apply the batches the event source mapping gave up on, from its failure bucket",
                    RedriveCommand.class),
            Subcommand.acceptingAws("reconcile", "check every conversation list against its newest message; --apply repairs it",
                    ReconcileCommand.class),
            Subcommand.acceptingAws("doctor", "read-only preflight before a deploy: Region, bootstrap, table, stream, key, Node.js",
                    DoctorCommand.class));

    /** The program: the ops commands on a running DynamoDB Local or on AWS, never an embedded one. */
    public static final Program.Definition DEFINITION = new Program.Definition(PROGRAM,
            "recover and check Cruddur's message-group stream in production (redrive, reconcile, doctor)", ALL,
            new ConnectedTargets());

    private OpsCommands() {
    }

    /** Runs a command line with Unicode output; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(DEFINITION, args, out, err, Style.UNICODE);
    }
}
