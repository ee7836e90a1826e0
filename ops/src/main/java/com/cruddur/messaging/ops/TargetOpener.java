package com.cruddur.messaging.ops;

import java.util.List;

/**
 * How a program's commands open the target their options name ({@link Target.Spec}). The ops tool
 * connects to a running DynamoDB Local ({@code --endpoint}) or to AWS ({@code --aws}) and has no
 * embedded one; the developer CLI also starts DynamoDB Local in the process when neither is given.
 */
public interface TargetOpener {

    /**
     * Opens the target.
     *
     * @param prepared what an embedded DynamoDB Local should hold before the command runs; a target
     *                 that is already running is left as it is
     * @throws CliException when the program cannot open that kind of target
     */
    Target open(Target.Spec spec, Target.Embedded prepared);

    /** Opens the target; an embedded one holds nothing yet. */
    default Target open(Target.Spec spec) {
        return open(spec, Target.Embedded.EMPTY);
    }

    /** "where commands run", for the program's {@code --help}, naming the commands that accept {@code --aws}. */
    String help(List<String> awsCommands);
}
