package com.cruddur.messaging.bench;

import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.Usage;
import com.cruddur.messaging.schema.MessagesTable;
import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --endpoint} of the commands that run only on DynamoDB Local (bench, coldstart). */
public final class LocalEndpointOption {

    @Option(names = "--endpoint", paramLabel = "URL", converter = Usage.EndpointUrl.class,
            description = "a DynamoDB Local that is already running (default: one started in this process)")
    private URI endpoint;

    /** DynamoDB Local: the one at {@code --endpoint}, or an embedded one; the default table. */
    public Target.Spec spec() {
        return new Target.Spec(endpoint == null ? Target.Kind.EMBEDDED : Target.Kind.ENDPOINT, endpoint,
                MessagesTable.DEFAULT_TABLE_NAME);
    }
}
