package com.cruddur.messaging.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    private static final Set<String> FLAGS = Set.of("--dump", "--aws");
    private static final Set<String> OPTIONS = Set.of("--table", "--limit");

    private static Args parse(String... argv) {
        return Args.parse(List.of(argv), FLAGS, OPTIONS);
    }

    @Test
    void flagsOptionsAndPositionalArgumentsMayComeInAnyOrder() {
        Args args = parse("a.json", "--table", "t1", "--dump", "b.json", "--limit=5");

        assertThat(args.flag("--dump")).isTrue();
        assertThat(args.flag("--aws")).isFalse();
        assertThat(args.value("--table")).contains("t1");
        assertThat(args.integer("--limit", 20, 1, 100)).isEqualTo(5);
        assertThat(args.positional()).containsExactly("a.json", "b.json");
    }

    @Test
    void doubleDashEndsTheOptionsSoAFileMayStartWithADash() {
        Args args = parse("--dump", "--", "--weird.json");

        assertThat(args.positional()).containsExactly("--weird.json");
    }

    @Test
    void absentOptionsTakeTheirFallback() {
        Args args = parse();

        assertThat(args.value("--table", "cruddur-messages")).isEqualTo("cruddur-messages");
        assertThat(args.integer("--limit", 20, 1, 100)).isEqualTo(20);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThatThrownBy(() -> parse("--frob"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option --frob");
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() {
        assertThatThrownBy(() -> parse("--table"))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --table needs a value");
    }

    @Test
    void aFlagGivenAValueIsAUsageError() {
        assertThatThrownBy(() -> parse("--dump=yes"))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --dump takes no value");
    }

    @Test
    void numbersAreCheckedForFormAndRange() {
        assertThatThrownBy(() -> parse("--limit", "ten").integer("--limit", 20, 1, 100))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --limit needs a whole number, got 'ten'");
        assertThatThrownBy(() -> parse("--limit", "0").integer("--limit", 20, 1, 100))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --limit must be between 1 and 100, got 0");
    }

    @Test
    void aMissingRequiredOptionOrAnUnexpectedArgumentIsAUsageError() {
        assertThatThrownBy(() -> parse().required("--table"))
                .isInstanceOf(UsageException.class)
                .hasMessage("missing required option --table");
        assertThatThrownBy(() -> parse("extra").noPositional())
                .isInstanceOf(UsageException.class)
                .hasMessage("unexpected argument 'extra'");
    }
}
