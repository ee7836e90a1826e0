package com.cruddur.messaging.ops;

/** Counts in words for people: "1 record", "3 records", "2 batches". */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, with an "s" unless {@code n} is one. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** {@code n} and the noun's form for one or for many. */
    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
