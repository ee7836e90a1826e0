package com.cruddur.messaging.ops;

import com.cruddur.messaging.schema.MessagesTable;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that choose where a command's table lives ({@link Target}), the same on every table command. */
public final class TargetOptions {

    /** The option that names the real table; {@link Program} refuses it for commands that do not accept it. */
    public static final String AWS = "--aws";
    /** The option that names a running DynamoDB Local. */
    public static final String ENDPOINT = "--endpoint";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = ENDPOINT, paramLabel = "URL", converter = Usage.EndpointUrl.class,
            description = "a DynamoDB Local that is already running, e.g. http://localhost:8000 (the developer CLI,"
                    + " without --endpoint or --aws: a fresh one in its process)")
    private URI endpoint;

    @Option(names = AWS, description = "the real table (default credential chain and region), for the commands that"
            + " accept it (--help of the program lists them)")
    private boolean aws;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = MessagesTable.DEFAULT_TABLE_NAME,
            description = "the table (default ${DEFAULT-VALUE})")
    private String table;

    /** What the command line asked for, before anything is started. */
    public Target.Spec spec() {
        if (table.isBlank()) {
            throw new ParameterException(command.commandLine(), "option --table needs a table name");
        }
        if (endpoint != null && aws) {
            throw new ParameterException(command.commandLine(), "--endpoint and --aws exclude each other");
        }
        if (endpoint != null) {
            return new Target.Spec(Target.Kind.ENDPOINT, endpoint, table);
        }
        return new Target.Spec(aws ? Target.Kind.AWS : Target.Kind.EMBEDDED, null, table);
    }
}
