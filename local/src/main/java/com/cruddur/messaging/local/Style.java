package com.cruddur.messaging.local;

/**
 * The few non-ASCII marks of the human output, with ASCII stand-ins for terminals that cannot
 * show them (standard output not in UTF-8).
 */
record Style(String bullet, String dot, String marker, String ellipsis) {

    static final Style UNICODE = new Style("▶", "·", "←", "…");
    static final Style ASCII = new Style(">", "-", "<-", "...");

    /** A UUID shortened for people: its first eight characters. */
    String shortId(String uuid) {
        if (uuid == null) {
            return "?";
        }
        return uuid.length() > 8 ? uuid.substring(0, 8) + ellipsis : uuid;
    }

    /** Text on one line, cut to {@code max} characters. */
    String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + ellipsis;
    }

    /** " · "-joined parts. */
    String join(Iterable<String> parts) {
        return String.join(" " + dot + " ", parts);
    }
}
