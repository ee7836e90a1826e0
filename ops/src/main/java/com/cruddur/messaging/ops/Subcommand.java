package com.cruddur.messaging.ops;

/**
 * A subcommand as a program lists it: its name and summary (for {@code --help} and for choosing it),
 * its class, and whether it may run against AWS. {@code --aws} is accepted only by a command whose
 * entry says so ({@link #acceptingAws}); any other refuses it with its reason, so a new command
 * never reaches the real table by accident.
 *
 * @param name       the name on the command line, the {@code name} of its {@code @Command}
 * @param summary    its line in the command list, the first line of its description
 * @param type       the annotated class
 * @param awsRefusal why it refuses {@code --aws}, or null when it accepts it
 */
public record Subcommand(String name, String summary, Class<? extends CliCommand> type, String awsRefusal) {

    /** A command that may run against the real table ({@code --aws}). */
    public static Subcommand acceptingAws(String name, String summary, Class<? extends CliCommand> type) {
        return new Subcommand(name, summary, type, null);
    }

    /** A command that refuses {@code --aws}, saying why. */
    public static Subcommand refusingAws(String name, String summary, Class<? extends CliCommand> type, String why) {
        return new Subcommand(name, summary, type, why);
    }

    /** A command with no target of its own: {@code --aws} is refused as it is for any command that did not declare it. */
    public static Subcommand of(String name, String summary, Class<? extends CliCommand> type) {
        return refusingAws(name, summary, type, "it runs on DynamoDB Local only");
    }

    public boolean acceptsAws() {
        return awsRefusal == null;
    }
}
