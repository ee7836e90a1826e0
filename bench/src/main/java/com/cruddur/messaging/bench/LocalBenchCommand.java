package com.cruddur.messaging.bench;

import com.cruddur.messaging.ops.CliCommand;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.Usage;
import com.cruddur.messaging.schema.MessagesTable;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * A measurement that runs on DynamoDB Local only (bench, coldstart, reconcile-bench): the one at
 * {@code --endpoint}, or one started in this process, with the default table name. Its options are
 * checked before DynamoDB Local starts, so a usage error is reported at once.
 */
abstract class LocalBenchCommand extends CliCommand {

    @Option(names = "--endpoint", paramLabel = "URL", converter = Usage.EndpointUrl.class,
            description = "a DynamoDB Local that is already running (default: one started in this process)")
    private URI endpoint;

    /** Checks the options (a usage error is thrown as {@code within} and {@code usageError} throw it). */
    protected abstract void check();

    /**
     * Measures on the open target, which is closed afterwards.
     *
     * @return the exit status
     */
    protected abstract ExitCode run(Io io, Target target);

    @Override
    protected final ExitCode run(Io io) {
        check();
        Target.Spec spec = new Target.Spec(endpoint == null ? Target.Kind.EMBEDDED : Target.Kind.ENDPOINT, endpoint,
                MessagesTable.DEFAULT_TABLE_NAME);
        try (Target target = io.targets().open(spec)) {
            return run(io, target);
        }
    }
}
