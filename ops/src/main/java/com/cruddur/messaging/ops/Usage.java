package com.cruddur.messaging.ops;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors in the CLI's words: picocli finds them, this class says them in one line
 * ("unknown option --frob", "option --limit needs a whole number, got 'ten'"), and its converters
 * say what a value needs.
 */
public final class Usage {

    private Usage() {
    }

    static void registerConverters(CommandLine cli) {
        cli.registerConverter(Integer.class, new WholeNumber());
        cli.registerConverter(int.class, new WholeNumber());
        cli.registerConverter(Double.class, new Decimal());
        cli.registerConverter(double.class, new Decimal());
    }

    /** The problem, in one line, without the program and command names. */
    static String problem(ParameterException e, boolean topCommand) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            if (topCommand && !first.startsWith("-")) {
                return "unknown command '" + first + "'";
            }
            if (first.startsWith("-") && first.length() > 1 && !first.equals("--")) {
                int eq = first.indexOf('=');
                return "unknown option " + (first.startsWith("--") && eq > 2 ? first.substring(0, eq) : first);
            }
            return "unexpected argument '" + first + "'";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            List<String> names = missing.getMissing().stream().map(Usage::name).toList();
            // picocli's two cases: an option without its value, and required options not given.
            if (e.getMessage().startsWith("Missing required parameter for option")) {
                return "option " + names.getFirst() + " needs a value";
            }
            if (e.getMessage().startsWith("Missing required option")) {
                return "missing required option" + (names.size() > 1 ? "s " : " ") + String.join(", ", names);
            }
        }
        if (e.getCause() instanceof TypeConversionException needs && e.getArgSpec() instanceof OptionSpec option) {
            return "option " + option.longestName() + " " + needs.getMessage() + ", got '" + e.getValue() + "'";
        }
        return e.getMessage();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }

    private static final class WholeNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a whole number");
            }
        }
    }

    private static final class Decimal implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                return Double.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a number");
            }
        }
    }

    /** A UUID option, kept as written (the table's keys hold the text). */
    public static final class UuidText implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                UUID.fromString(text);
                return text;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("needs a UUID");
            }
        }
    }

    /**
     * A general purpose bucket's name, by S3's naming rules (S3 user guide, "General purpose bucket
     * naming rules"): 3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with
     * a letter or digit, no two dots in a row.
     */
    public static final class BucketName implements ITypeConverter<String> {

        private static final Pattern RULE = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{1,61})[a-z0-9]");

        @Override
        public String convert(String text) {
            if (!RULE.matcher(text).matches() || text.contains("..")) {
                throw new TypeConversionException("needs a bucket name (3-63 lowercase letters, digits, dots and"
                        + " hyphens, beginning and ending with a letter or digit)");
            }
            return text;
        }

        /** {@code watch}'s default failure bucket: the table's name, made a bucket name, and "-failures". */
        public static String forTable(String table) {
            String base = table.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
            base = base.isEmpty() ? "messages" : base;
            return base.substring(0, Math.min(base.length(), 54)) + "-failures";
        }
    }

    /** {@code --endpoint}: an http(s) URL with a host. */
    public static final class EndpointUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String text) {
            try {
                URI uri = new URI(text);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // Reported below, as any other value that is not an http(s) URL.
            }
            throw new TypeConversionException("needs an http(s) URL such as http://localhost:8000");
        }
    }
}
