package com.cruddur.messaging.ops;

/**
 * The few non-ASCII marks of the human output, with ASCII stand-ins for terminals that cannot
 * show them (standard output not in UTF-8).
 */
public record Style(String bullet, String dot, String marker, String ellipsis) {

    public static final Style UNICODE = new Style("▶", "·", "←", "…");
    public static final Style ASCII = new Style(">", "-", "<-", "...");

    /** A UUID shortened for people: its first eight characters. */
    public String shortId(String uuid) {
        if (uuid == null) {
            return "?";
        }
        return uuid.length() > 8 ? uuid.substring(0, 8) + ellipsis : uuid;
    }

    /**
     * Text from the table made safe and short for a terminal: on one line, cut to {@code max}
     * characters, and with control characters (an escape sequence could restyle or clear the
     * terminal) and bidirectional overrides (they reorder the rest of the line) shown as
     * {@code \\uXXXX} instead of acting.
     */
    public String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        int[] codePoints = oneLine.codePoints().toArray();
        boolean cut = codePoints.length > max;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < (cut ? max - 1 : codePoints.length); i++) {
            if (unsafe(codePoints[i])) {
                out.append(String.format("\\u%04X", codePoints[i]));
            } else {
                out.appendCodePoint(codePoints[i]);
            }
        }
        return cut ? out.append(ellipsis).toString() : out.toString();
    }

    /**
     * Text that quotes input (a parser's message, a file name) made safe for one line of a terminal:
     * line breaks, other control characters and bidirectional overrides shown as {@code \\uXXXX},
     * as {@link #clip} shows them, the rest as it is.
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (unsafe(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean unsafe(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x200E || codePoint == 0x200F || codePoint == 0x061C;
    }

    /** " · "-joined parts. */
    public String join(Iterable<String> parts) {
        return String.join(" " + dot + " ", parts);
    }

    /** The first line of a message (an exception's, a parser's), for a one-line report. */
    public static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
