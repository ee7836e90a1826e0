package com.cruddur.messaging.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code --help}, laid out as plain text from picocli's model of a command: its {@code @Command}
 * (usage line, description, example), its options and arguments, and the exit statuses. picocli's
 * own layout wraps every cell with {@link java.text.BreakIterator}, whose locale data alone cost
 * about 100 ms of the CLI's start-up; here the descriptions come wrapped from the annotations and
 * a word wrap at {@link #WIDTH} does for option texts.
 */
final class HelpText implements IHelpSectionRenderer {

    static final int WIDTH = 100;
    /** The widest first column (option names); a longer name puts its description on the next line. */
    private static final int NAME_COLUMN = 28;

    private final String section;

    private HelpText(String section) {
        this.section = section;
    }

    /** Renders every help section of {@code command} here. */
    static void install(CommandLine command) {
        Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>();
        for (String key : command.getHelpSectionKeys()) {
            sections.put(key, new HelpText(key));
        }
        command.setHelpSectionMap(sections);
    }

    @Override
    public String render(Help help) {
        CommandSpec spec = help.commandSpec();
        UsageMessageSpec usage = spec.usageMessage();
        return switch (section) {
            case UsageMessageSpec.SECTION_KEY_HEADER_HEADING -> String.format(usage.headerHeading());
            case UsageMessageSpec.SECTION_KEY_HEADER -> lines(usage.header());
            case UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING -> String.format(usage.synopsisHeading());
            case UsageMessageSpec.SECTION_KEY_SYNOPSIS -> lines(usage.customSynopsis());
            case UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING -> heading(usage.descriptionHeading(), usage.description());
            case UsageMessageSpec.SECTION_KEY_DESCRIPTION -> lines(usage.description());
            case UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING ->
                    heading(usage.parameterListHeading(), spec.positionalParameters().toArray());
            case UsageMessageSpec.SECTION_KEY_PARAMETER_LIST -> parameters(spec.positionalParameters());
            case UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING -> heading(usage.optionListHeading(), spec.options().toArray());
            case UsageMessageSpec.SECTION_KEY_OPTION_LIST -> options(spec.options());
            case UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING ->
                    heading(usage.commandListHeading(), spec.subcommands().values().toArray());
            case UsageMessageSpec.SECTION_KEY_COMMAND_LIST -> commands(spec);
            case UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING ->
                    heading(usage.exitCodeListHeading(), usage.exitCodeList().keySet().toArray());
            case UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST -> table(usage.exitCodeList());
            case UsageMessageSpec.SECTION_KEY_FOOTER_HEADING -> heading(usage.footerHeading(), usage.footer());
            case UsageMessageSpec.SECTION_KEY_FOOTER -> lines(usage.footer());
            default -> "";
        };
    }

    /** A heading, when its section has something to show. */
    private static String heading(String heading, Object[] content) {
        return content.length == 0 ? "" : String.format(heading);
    }

    private static String lines(String[] lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(String.format(line)).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String parameters(List<PositionalParamSpec> parameters) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (PositionalParamSpec parameter : parameters) {
            if (!parameter.hidden()) {
                String label = parameter.paramLabel() + (parameter.isMultiValue() ? "..." : "");
                rows.put("      " + (parameter.arity().min() == 0 ? "[" + label + "]" : label), String.join(" ", parameter.description()));
            }
        }
        return rows(rows);
    }

    /** Options by name ({@code -h} as {@code h}), as picocli sorts them. */
    private static String options(List<OptionSpec> options) {
        Map<String, OptionSpec> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (OptionSpec option : options) {
            sorted.put(option.shortestName().replaceFirst("^-+", ""), option);
        }
        Map<String, String> rows = new LinkedHashMap<>();
        for (OptionSpec option : sorted.values()) {
            if (option.hidden()) {
                continue;
            }
            String names = option.names().length > 1 && option.shortestName().length() == 2
                    ? "  " + option.shortestName() + ", " + option.longestName()
                    : "      " + option.longestName();
            String value = option.arity().max() > 0 ? "=" + option.paramLabel() : "";
            rows.put(names + value, String.join(" ", option.description()));
        }
        return rows(rows);
    }

    private static String commands(CommandSpec spec) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Map.Entry<String, CommandLine> command : spec.subcommands().entrySet()) {
            UsageMessageSpec usage = command.getValue().getCommandSpec().usageMessage();
            if (!usage.hidden()) {
                rows.put("  " + command.getKey(), usage.description().length == 0 ? "" : usage.description()[0]);
            }
        }
        return rows(rows);
    }

    private static String table(Map<String, String> rows) {
        Map<String, String> indented = new LinkedHashMap<>();
        for (Map.Entry<String, String> row : rows.entrySet()) {
            indented.put("  " + row.getKey(), row.getValue());
        }
        return rows(indented);
    }

    /**
     * Two columns: names, then their text wrapped to the width, continued two columns further in.
     * (Loops, not streams and lambdas: --help is a start-up path, and each of those first uses
     * loads classes.)
     */
    private static String rows(Map<String, String> rows) {
        int widest = 0;
        for (String name : rows.keySet()) {
            if (name.length() <= NAME_COLUMN) {
                widest = Math.max(widest, name.length());
            }
        }
        int column = widest + 3;
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> row : rows.entrySet()) {
            String name = row.getKey();
            String description = row.getValue();
            StringBuilder line = new StringBuilder(name);
            if (name.length() >= column) {
                text.append(line).append(System.lineSeparator());
                line.setLength(0);
            }
            int indent = column;
            for (String word : description.strip().split("\\s+")) {
                if (line.length() > indent && line.length() + 1 + word.length() > WIDTH) {
                    text.append(line.toString().stripTrailing()).append(System.lineSeparator());
                    line.setLength(0);
                    indent = column + 2;
                }
                if (line.length() < indent) {
                    line.append(" ".repeat(indent - line.length()));
                } else {
                    line.append(' ');
                }
                line.append(word);
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }
}
