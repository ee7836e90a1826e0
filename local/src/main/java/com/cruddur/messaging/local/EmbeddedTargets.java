package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.Muted;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.TargetOpener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The developer CLI's targets: those of the ops tool, and by default an embedded DynamoDB Local
 * started in this process for the one command, with the table created from the schema and the
 * sample conversation loaded as the command needs ({@link Target.Embedded}).
 */
public final class EmbeddedTargets implements TargetOpener {

    /**
     * sqlite4java (inside DynamoDB Local) logs a harmless "unknown jar version" warning through
     * java.util.logging when the shaded jar loads it; held here because JUL keeps loggers weakly.
     */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");
    /** DynamoDB Local's own AWS SDK v1 warns about JAXB, which it does not need, the same way. */
    private static final Logger SDK_V1_LOG = Logger.getLogger("com.amazonaws");

    @Override
    public Target open(Target.Spec spec, Target.Embedded prepared) {
        if (spec.kind() != Target.Kind.EMBEDDED) {
            return Target.connect(spec);
        }
        LocalDynamoDb db = startQuietly();
        Target target = Target.embedded(spec, db.endpoint(), db);
        try {
            if (prepared != Target.Embedded.EMPTY) {
                DynamoDbClient client = target.client();
                TableDefinitions.createTable(client, spec.table());
                if (prepared == Target.Embedded.SAMPLE) {
                    SeedData sample = SeedData.sample();
                    sample.load(client, spec.table(), new PrintStream(OutputStream.nullOutputStream()));
                    target.note("seeded " + Plural.of(sample.items().size(), "item") + " from " + sample.source());
                }
            }
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    @Override
    public String help(List<String> awsCommands) {
        return Target.help(true, awsCommands);
    }

    /**
     * Makes sure the table exists: on DynamoDB Local (embedded or {@code --endpoint}) creates it if
     * it is missing; on AWS never creates it.
     *
     * @return whether the table was created
     * @throws CliException (exit 4) if the AWS table does not exist
     */
    public static boolean ensureTable(Target target, DynamoDbClient client) {
        if (target.kind() == Target.Kind.AWS) {
            target.requireTable(client);
            return false;
        }
        return TableDefinitions.createTableIfMissing(client, target.table());
    }

    /**
     * Starts the embedded DynamoDB Local with its start-up banner suppressed: it prints its
     * configuration to standard output, which would corrupt {@code --dump} and {@code scan} output.
     */
    private static synchronized LocalDynamoDb startQuietly() {
        SQLITE_LOG.setLevel(Level.SEVERE);
        SDK_V1_LOG.setLevel(Level.SEVERE);
        try {
            return Muted.during(LocalDynamoDb::start);
        } finally {
            // Again: DynamoDB Local's start-up may reconfigure java.util.logging.
            SQLITE_LOG.setLevel(Level.SEVERE);
            SDK_V1_LOG.setLevel(Level.SEVERE);
        }
    }
}
