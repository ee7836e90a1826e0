package com.cruddur.messaging.ops;

import java.util.List;

/**
 * The ops tool's targets: a DynamoDB Local that is already running ({@code --endpoint}) or AWS
 * ({@code --aws}). It starts no database of its own, so a command line naming neither is refused
 * in one line: an operator's command must say which table it works on.
 */
public final class ConnectedTargets implements TargetOpener {

    @Override
    public Target open(Target.Spec spec, Target.Embedded prepared) {
        if (spec.kind() == Target.Kind.EMBEDDED) {
            throw new CliException(ExitCode.BAD_INPUT, "give --aws for the real table, or --endpoint URL of a running"
                    + " DynamoDB Local (this tool starts none of its own)");
        }
        return Target.connect(spec);
    }

    @Override
    public String help(List<String> awsCommands) {
        return Target.help(false, awsCommands);
    }
}
