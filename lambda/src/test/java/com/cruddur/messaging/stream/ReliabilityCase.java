package com.cruddur.messaging.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One generated case of the reliability properties: conversations and their stream, how Lambda
 * cuts and redelivers it ({@link Scenario}), and the faults injected while it is delivered
 * ({@link FaultPlan}). A case is a pure function of its seed, so the seed replays it; a shrunk
 * case, which no seed produces, is replayed from its {@link #token()}.
 */
record ReliabilityCase(Scenario scenario, FaultPlan faults) {

    static final int USERS = 6;
    static final int EXTRA_SLOTS = 24;
    static final int LAST_MINUTE = 10_000;

    /** The seeded generator every draw comes from: the same seed, the same numbers, on any JVM. */
    static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /**
     * The case of a seed: 1 to 3 conversations of 2 to 4 of 6 users, 1 to 12 messages (a quarter
     * of them edited later) at distinct minutes in random order, batches of 1 to 6 records, up to
     * 8 rewinds, extra attributes the handler does not know on the rows, and the handler's
     * attempts per conversation (1, 2 or the default 6).
     */
    static ReliabilityCase generate(long seed, double faultRate, boolean crashes) {
        RandomGenerator random = random(seed);
        List<Group> groups = new ArrayList<>();
        int groupCount = 1 + random.nextInt(3);
        for (int g = 0; g < groupCount; g++) {
            int size = 2 + random.nextInt(3);
            TreeSet<Integer> participants = new TreeSet<>();
            while (participants.size() < size) {
                participants.add(random.nextInt(USERS));
            }
            groups.add(new Group(List.copyOf(participants)));
        }
        int messageCount = 1 + random.nextInt(12);
        Set<Integer> minutes = new LinkedHashSet<>();
        while (minutes.size() < messageCount) {
            minutes.add(random.nextInt(LAST_MINUTE + 1));
        }
        List<Msg> messages = minutes.stream()
                .map(minute -> new Msg(random.nextInt(groupCount), minute, random.nextInt(4) == 0))
                .toList();
        List<Integer> batchSizes = list(1 + random.nextInt(8), i -> 1 + random.nextInt(6));
        List<Integer> rewinds = list(random.nextInt(9), i -> random.nextInt(6) - 1);
        List<Integer> extras = list(EXTRA_SLOTS, i -> random.nextInt(Extra.values().length));
        int groupAttempts = switch (random.nextInt(3)) {
            case 0 -> 1;
            case 1 -> 2;
            default -> Config.DEFAULT_MAX_ATTEMPTS;
        };
        EnumSet<FaultKind> kinds = crashes ? EnumSet.allOf(FaultKind.class) : EnumSet.complementOf(EnumSet.of(FaultKind.CRASH));
        return new ReliabilityCase(new Scenario(groups, messages, batchSizes, rewinds, extras, groupAttempts),
                new FaultPlan(seed, faultRate, kinds, Set.of()));
    }

    /** The same case with no message edited (the racing property's model has no edits). */
    ReliabilityCase withoutEdits() {
        return new ReliabilityCase(scenario.withoutEdits(), faults);
    }

    // ---------------------------------------------------------------- the parts

    /** A conversation: its participants, by user index, ascending. */
    record Group(List<Integer> participants) {
    }

    /** A message: its conversation (index), its minute after the base time (unique), whether it is later edited. */
    record Msg(int group, int minute, boolean edited) {
    }

    /** Attributes the handler does not know, which a re-created row must carry over. */
    enum Extra {
        MUTED, DRAFT, LABELS, PREFS, NONE
    }

    /**
     * @param groups     conversations
     * @param messages   messages, in stream order (an edit follows every insert)
     * @param batchSizes how the stream is cut into batches, cyclically
     * @param rewinds    after each delivered batch, in order: go back that many batches and
     *                   deliver again (or -1, or more than delivered: go on)
     * @param extras     extra attribute kinds ({@link Extra} ordinals), cyclically over the rows
     * @param groupAttempts the handler's attempts per conversation ({@code GROUP_MAX_ATTEMPTS}): with
     *                   fewer than the default, faults make conversations fail and come back as
     *                   batch item failures
     */
    record Scenario(List<Group> groups, List<Msg> messages, List<Integer> batchSizes, List<Integer> rewinds,
                    List<Integer> extras, int groupAttempts) {

        Scenario withoutEdits() {
            return withMessages(messages.stream().map(m -> new Msg(m.group(), m.minute(), false)).toList());
        }

        Scenario withGroups(List<Group> value) {
            return new Scenario(value, messages, batchSizes, rewinds, extras, groupAttempts);
        }

        Scenario withMessages(List<Msg> value) {
            return new Scenario(groups, value, batchSizes, rewinds, extras, groupAttempts);
        }

        Scenario withBatchSizes(List<Integer> value) {
            return new Scenario(groups, messages, value, rewinds, extras, groupAttempts);
        }

        Scenario withRewinds(List<Integer> value) {
            return new Scenario(groups, messages, batchSizes, value, extras, groupAttempts);
        }

        Scenario withExtras(List<Integer> value) {
            return new Scenario(groups, messages, batchSizes, rewinds, value, groupAttempts);
        }

        /** The extra attribute of the {@code row}-th row (rows counted conversation by conversation, participant by participant). */
        Extra extraOfRow(int row) {
            return Extra.values()[extras.get(row % extras.size())];
        }

        int rows() {
            return groups.stream().mapToInt(g -> g.participants().size()).sum();
        }

        Scenario withGroupAttempts(int value) {
            return new Scenario(groups, messages, batchSizes, rewinds, extras, value);
        }
    }

    /** The kinds of faults, each drawn from its own stream so that removing one leaves the others in place. */
    enum FaultKind {
        /** Before a request: throttling, 5xx, a timeout, a transaction conflict or a concurrent app write. */
        REQUEST('r'),
        /** After a request was executed: the response is lost. */
        RESPONSE('l'),
        /** An invocation dies after some requests (before or after one is sent). */
        CRASH('c');

        final char letter;

        FaultKind(char letter) {
            this.letter = letter;
        }

        static FaultKind of(char letter) {
            return Arrays.stream(values()).filter(k -> k.letter == letter).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fault kind '" + letter + "'"));
        }
    }

    /** One scheduled fault: the {@code index}-th request (or, for a crash, invocation) of the case. */
    record Slot(FaultKind kind, int index) implements Comparable<Slot> {

        @Override
        public int compareTo(Slot other) {
            return kind != other.kind ? kind.compareTo(other.kind) : Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return "" + kind.letter + index;
        }
    }

    /**
     * Which faults strike, drawn lazily per request and per invocation from the seed, one stream per
     * kind (see {@link FaultSchedule}).
     *
     * @param seed    the case's seed
     * @param rate    the chance that a request meets a fault (a lost response: a third of it)
     * @param kinds   the kinds drawn at all
     * @param removed single faults taken out (by shrinking)
     */
    record FaultPlan(long seed, double rate, Set<FaultKind> kinds, Set<Slot> removed) {

        FaultPlan {
            kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
            removed = Set.copyOf(removed);
        }

        FaultPlan without(FaultKind kind) {
            EnumSet<FaultKind> fewer = kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(kinds);
            fewer.remove(kind);
            return new FaultPlan(seed, rate, fewer, removed);
        }

        FaultPlan without(Slot slot) {
            Set<Slot> more = new TreeSet<>(removed);
            more.add(slot);
            return new FaultPlan(seed, rate, kinds, more);
        }

        boolean strikes(Slot slot) {
            return kinds.contains(slot.kind()) && !removed.contains(slot);
        }
    }

    // ---------------------------------------------------------------- shrinking

    /**
     * Smaller cases to try when this one fails, coarse steps first: without a kind of fault, without
     * a conversation, a message, a participant, a batch boundary, a rewind, an edit, without one of
     * the faults that struck in the failing run ({@code struck}), without extra attributes.
     */
    List<ReliabilityCase> smaller(Set<Slot> struck) {
        List<ReliabilityCase> out = new ArrayList<>();
        Scenario s = scenario;
        for (FaultKind kind : new TreeSet<>(faults.kinds())) {
            out.add(new ReliabilityCase(s, faults.without(kind)));
        }
        for (int g = 0; s.groups().size() > 1 && g < s.groups().size(); g++) {
            out.add(with(withoutGroup(s, g).withExtras(withoutRows(s.extras(), firstRow(s, g), s.groups().get(g).participants().size()))));
        }
        for (int i = 0; s.messages().size() > 1 && i < s.messages().size(); i++) {
            out.add(with(s.withMessages(removed(s.messages(), i))));
        }
        for (int g = 0; g < s.groups().size(); g++) {
            List<Integer> participants = s.groups().get(g).participants();
            for (int p = 0; participants.size() > 2 && p < participants.size(); p++) {
                List<Group> groups = new ArrayList<>(s.groups());
                groups.set(g, new Group(removed(participants, p)));
                out.add(with(s.withGroups(groups).withExtras(withoutRows(s.extras(), firstRow(s, g) + p, 1))));
            }
        }
        for (int i = 0; s.batchSizes().size() > 1 && i < s.batchSizes().size(); i++) {
            out.add(with(s.withBatchSizes(removed(s.batchSizes(), i))));
        }
        for (int i = 0; i < s.rewinds().size(); i++) {
            out.add(with(s.withRewinds(removed(s.rewinds(), i))));
        }
        for (int i = 0; i < s.messages().size(); i++) {
            Msg m = s.messages().get(i);
            if (m.edited()) {
                List<Msg> messages = new ArrayList<>(s.messages());
                messages.set(i, new Msg(m.group(), m.minute(), false));
                out.add(with(s.withMessages(messages)));
            }
        }
        for (Slot slot : new TreeSet<>(struck)) {
            out.add(new ReliabilityCase(s, faults.without(slot)));
        }
        List<Integer> noExtras = list(s.extras().size(), i -> Extra.NONE.ordinal());
        if (!s.extras().equals(noExtras)) {
            out.add(with(s.withExtras(noExtras)));
        }
        for (int row = 0; row < Math.min(s.rows(), s.extras().size()); row++) {
            if (s.extraOfRow(row) != Extra.NONE) {
                List<Integer> extras = new ArrayList<>(s.extras());
                extras.set(row, Extra.NONE.ordinal());
                out.add(with(s.withExtras(extras)));
            }
        }
        if (s.groupAttempts() != Config.DEFAULT_MAX_ATTEMPTS) {
            out.add(with(s.withGroupAttempts(Config.DEFAULT_MAX_ATTEMPTS)));
        }
        return out;
    }

    private ReliabilityCase with(Scenario smaller) {
        return new ReliabilityCase(smaller, faults);
    }

    private static Scenario withoutGroup(Scenario s, int group) {
        List<Msg> messages = s.messages().stream().filter(m -> m.group() != group)
                .map(m -> m.group() > group ? new Msg(m.group() - 1, m.minute(), m.edited()) : m)
                .toList();
        return s.withGroups(removed(s.groups(), group)).withMessages(messages);
    }

    private static int firstRow(Scenario s, int group) {
        return s.groups().subList(0, group).stream().mapToInt(g -> g.participants().size()).sum();
    }

    /** The extras of the rows left when {@code count} rows from {@code from} go: every other row keeps its own. */
    private static List<Integer> withoutRows(List<Integer> extras, int from, int count) {
        List<Integer> copy = new ArrayList<>(extras);
        for (int i = 0; i < count && from < copy.size(); i++) {
            copy.remove(from);
            copy.add(Extra.NONE.ordinal());
        }
        return List.copyOf(copy);
    }

    private static <T> List<T> removed(List<T> list, int index) {
        List<T> copy = new ArrayList<>(list);
        copy.remove(index);
        return List.copyOf(copy);
    }

    private static List<Integer> list(int size, IntFunction<Integer> element) {
        return IntStream.range(0, size).mapToObj(element).toList();
    }

    // ---------------------------------------------------------------- description and token

    /** For a person: the case in a few lines. */
    String describe() {
        StringBuilder text = new StringBuilder();
        List<Group> groups = scenario.groups();
        text.append(groups.size()).append(groups.size() == 1 ? " conversation: " : " conversations: ")
                .append(IntStream.range(0, groups.size())
                        .mapToObj(g -> "g" + g + " " + groups.get(g).participants().stream().map(u -> "u" + u).toList())
                        .collect(Collectors.joining(", ")));
        text.append("\n").append(scenario.messages().size()).append(" message(s) in stream order: ")
                .append(scenario.messages().stream()
                        .map(m -> "g" + m.group() + "@minute " + m.minute() + (m.edited() ? " (edited later)" : ""))
                        .collect(Collectors.joining(", ")));
        text.append("\nbatch sizes (cyclic): ").append(scenario.batchSizes())
                .append("; rewinds after each batch: ").append(scenario.rewinds().isEmpty() ? "none" : scenario.rewinds());
        text.append("\nfaults: ").append(faults.kinds().isEmpty() ? "none"
                : new TreeSet<>(faults.kinds()).stream().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " drawn from seed " + faults.seed() + " at rate " + faults.rate()
                + (faults.removed().isEmpty() ? "" : ", without " + new TreeSet<>(faults.removed())));
        List<String> extras = new ArrayList<>();
        int row = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (int owner : groups.get(g).participants()) {
                Extra extra = scenario.extraOfRow(row++);
                if (extra != Extra.NONE) {
                    extras.add("u" + owner + "/g" + g + " " + extra.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        text.append("\nextra attributes on rows: ").append(extras.isEmpty() ? "none" : String.join(", ", extras))
                .append("; handler attempts per conversation: ").append(scenario.groupAttempts());
        return text.toString();
    }

    /**
     * The case as one shell-safe word ({@code -Dreliability.case=TOKEN}):
     * {@code g0:1,2:3/m0:17:e,1:5/b1,3/r-1,2/x0123.../a6/f<seed>:<rate>:<kinds>/q<removed faults>}.
     */
    String token() {
        return String.join("/",
                "g" + scenario.groups().stream().map(g -> join(g.participants(), ":")).collect(Collectors.joining(",")),
                "m" + scenario.messages().stream().map(m -> m.group() + ":" + m.minute() + (m.edited() ? ":e" : ""))
                        .collect(Collectors.joining(",")),
                "b" + join(scenario.batchSizes(), ","),
                "r" + join(scenario.rewinds(), ","),
                "x" + join(scenario.extras(), ""),
                "a" + scenario.groupAttempts(),
                "f" + faults.seed() + ":" + faults.rate() + ":"
                        + new TreeSet<>(faults.kinds()).stream().map(k -> String.valueOf(k.letter)).collect(Collectors.joining()),
                "q" + new TreeSet<>(faults.removed()).stream().map(Slot::toString).collect(Collectors.joining(",")));
    }

    /** The case of a {@link #token()}. */
    static ReliabilityCase parse(String token) {
        String[] part = token.trim().split("/", -1);
        if (part.length != 8 || !"gmbrxafq".equals(Arrays.stream(part).map(p -> p.isEmpty() ? "?" : p.substring(0, 1)).collect(Collectors.joining()))) {
            throw new IllegalArgumentException("not a reliability case token: " + token);
        }
        List<Group> groups = items(part[0]).stream().map(g -> new Group(ints(g, ":"))).toList();
        List<Msg> messages = items(part[1]).stream().map(m -> {
            String[] f = m.split(":");
            return new Msg(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f.length > 2 && f[2].equals("e"));
        }).toList();
        List<Integer> extras = part[4].substring(1).chars().mapToObj(c -> c - '0').toList();
        String[] f = part[6].substring(1).split(":", -1);
        EnumSet<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        f[2].chars().forEach(c -> kinds.add(FaultKind.of((char) c)));
        Set<Slot> removed = items(part[7]).stream()
                .map(q -> new Slot(FaultKind.of(q.charAt(0)), Integer.parseInt(q.substring(1))))
                .collect(Collectors.toSet());
        return new ReliabilityCase(
                new Scenario(groups, messages, ints(part[2].substring(1), ","), ints(part[3].substring(1), ","), extras,
                        Integer.parseInt(part[5].substring(1))),
                new FaultPlan(Long.parseLong(f[0]), Double.parseDouble(f[1]), kinds, removed));
    }

    private static List<String> items(String part) {
        String body = part.substring(1);
        return body.isEmpty() ? List.of() : List.of(body.split(","));
    }

    private static List<Integer> ints(String text, String separator) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(separator)).map(Integer::parseInt).toList();
    }

    private static String join(List<Integer> values, String separator) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(separator));
    }
}
