package com.cruddur.messaging.ops;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A {@link Program}'s {@code --help}: the top command's (built from its model, not annotations:
 * see {@link Program}), with the command list from the program's {@link Subcommand}s, and every
 * subcommand's headings, its synopsis after the program's name and its description after its summary.
 */
final class ProgramHelp {

    private ProgramHelp() {
    }

    /** The top command of {@code definition}, running {@code program}. */
    static CommandSpec topCommand(Object program, Program.Definition definition) {
        CommandSpec top = CommandSpec.wrapWithoutInspection(program).name(definition.name())
                .versionProvider(new BuildInfo(definition.name()));
        List<String> awsCommands = definition.commands().stream().filter(Subcommand::acceptsAws)
                .map(Subcommand::name).toList();
        top.usageMessage()
                .header(definition.name() + ": " + definition.header())
                .synopsisHeading("%nusage: ")
                .customSynopsis(definition.name() + " COMMAND [OPTIONS]")
                .footer(definition.targets().help(awsCommands), "", definition.name() + " COMMAND --help describes a command.");
        top.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("show this help and exit").build());
        top.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("show the version, the handler and the libraries it was built with, and exit").build());
        return top;
    }

    /** The help of the top command {@code cli} and of the subcommands built under it. */
    static void install(CommandLine cli, Program.Definition definition) {
        List<CommandLine> all = new ArrayList<>(List.of(cli));
        all.addAll(cli.getSubcommands().values());
        for (CommandLine command : all) {
            CommandSpec spec = command.getCommandSpec();
            spec.exitCodeOnInvalidInput(ExitCode.BAD_INPUT.code());
            spec.exitCodeOnExecutionException(ExitCode.BUG.code());
            spec.usageMessage()
                    .exitCodeListHeading("%nexit status:%n")
                    .exitCodeList(ExitCode.helpList())
                    .parameterListHeading("%narguments:%n")
                    .optionListHeading("%noptions:%n")
                    .footerHeading("%n");
            if (command != cli) {
                spec.usageMessage().synopsisHeading("usage: ").descriptionHeading("%n")
                        .customSynopsis(withProgramName(definition.name(), spec.usageMessage().customSynopsis()))
                        .description(withSummary(definition.command(spec.name()), spec.usageMessage().description()));
            }
            HelpText.install(command);
        }
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, new CommandList(definition, true));
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList(definition, false));
    }

    /** A command's synopsis is written from its own name on: the program's name goes before it, its other lines under it. */
    private static String[] withProgramName(String program, String[] synopsis) {
        String[] lines = synopsis.clone();
        for (int i = 0; i < lines.length; i++) {
            lines[i] = (i == 0 ? program + " " : " ".repeat(program.length() + 1)) + lines[i];
        }
        return lines;
    }

    /** A command's description begins with its summary from the program's list, its one definition. */
    private static String[] withSummary(Subcommand command, String[] description) {
        if (command == null) {
            return description;
        }
        List<String> lines = new ArrayList<>(List.of(command.summary()));
        if (description.length > 0) {
            lines.add("");
            lines.addAll(List.of(description));
        }
        return lines.toArray(String[]::new);
    }

    /** The command list of the top command's help: each subcommand's name and summary. */
    private static final class CommandList implements IHelpSectionRenderer {

        private final Program.Definition definition;
        private final boolean heading;

        CommandList(Program.Definition definition, boolean heading) {
            this.definition = definition;
            this.heading = heading;
        }

        @Override
        public String render(Help help) {
            if (heading) {
                return String.format("%ncommands:%n");
            }
            StringBuilder list = new StringBuilder();
            for (Subcommand command : definition.commands()) {
                list.append(String.format("  %-15s %s%n", command.name(), command.summary()));
            }
            return list.toString();
        }
    }
}
