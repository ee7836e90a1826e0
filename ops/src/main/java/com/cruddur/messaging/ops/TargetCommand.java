package com.cruddur.messaging.ops;

import picocli.CommandLine.Mixin;

/**
 * A command that works on a table: {@code --endpoint URL}, {@code --aws} or (the developer CLI)
 * an embedded DynamoDB Local, and {@code --table NAME} ({@link TargetOptions}); it runs with the
 * target its command line asked for, checked, and opens it through the program's {@link TargetOpener}.
 */
public abstract class TargetCommand extends CliCommand {

    @Mixin
    private TargetOptions where;

    /**
     * Runs the command on the target its options name.
     *
     * @return the exit status
     */
    protected abstract ExitCode run(Io io, Target.Spec spec);

    @Override
    protected final ExitCode run(Io io) {
        return run(io, where.spec());
    }
}
