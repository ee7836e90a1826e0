package com.cruddur.messaging.ops;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.Config;
import com.cruddur.messaging.stream.ConfigException;
import com.cruddur.messaging.stream.WriteMode;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The settings the deployed function takes from its environment that a command running the handler
 * here can change: today the write path ({@code WRITE_MODE}); and whether its log lines are shown.
 * The one place replay, send, watch, redrive and reconcile build the handler's configuration, so
 * they run it as deployed.
 */
public final class HandlerOptions {

    @Option(names = "--write-mode", paramLabel = "MODE", converter = WriteModeText.class,
            defaultValue = DeploymentContract.WriteModes.DEFAULT,
            description = "the handler's write path, as the stack's -c writeMode: put-first or transactional"
                    + " (default ${DEFAULT-VALUE}; against --aws, give the deployed function's)")
    private WriteMode writeMode;

    @Option(names = "--verbose", description = "the handler's own JSON log lines, on standard error")
    private boolean verbose;

    /** The deployed defaults for the target's table, with this command line's write path. */
    public Config config(Target target) {
        return Config.forTable(target.table()).withWriteMode(writeMode);
    }

    /** The write path asked for. */
    public WriteMode writeMode() {
        return writeMode;
    }

    /** Whether the handler's own log lines go to standard error. */
    public boolean verbose() {
        return verbose;
    }

    /** {@code --write-mode}: one of {@link WriteMode}'s configuration values. */
    public static final class WriteModeText implements ITypeConverter<WriteMode> {
        @Override
        public WriteMode convert(String text) {
            try {
                return WriteMode.parse(text);
            } catch (ConfigException e) {
                throw new TypeConversionException("needs one of "
                        + Arrays.stream(WriteMode.values()).map(WriteMode::value).toList());
            }
        }
    }
}
