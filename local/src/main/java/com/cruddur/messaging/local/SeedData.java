package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.ops.InputException;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items to load into a table: a JSON array of items in DynamoDB JSON.
 *
 * @param source where they came from, for people
 * @param items  the items, in file order
 */
public record SeedData(String source, List<Map<String, AttributeValue>> items) {

    /** The sample conversation, relative to the repository root. */
    private static final Path SAMPLE = Path.of("events", "seed", "conversations.json");
    private static final String BUNDLED_SAMPLE = "/sample/conversations.json";
    /**
     * DynamoDB's limits on a key attribute's string value, of the table or an index ("Service,
     * account, and table quotas in Amazon DynamoDB": partition key 1 to 2048 bytes, sort key 1 to 1024).
     */
    private static final int PARTITION_KEY_BYTES = 2048;
    private static final int SORT_KEY_BYTES = 1024;
    /** Below this many items a seed finishes before anyone would wish for progress. */
    private static final int PROGRESS_THRESHOLD = 100;

    /**
     * Reads a seed file.
     *
     * @throws InputException naming the file and the problem
     */
    public static SeedData fromFile(Path file) {
        return read(file.toString(), InputException.read(file));
    }

    /**
     * Checks a seed file's content, as {@link #fromFile} does after reading it.
     *
     * @param source the file's name, to name it in a problem
     * @throws InputException naming the source and the problem
     */
    static SeedData read(String source, byte[] content) {
        return new SeedData(source, parse(source, InputException.utf8(source, content)));
    }

    /**
     * The sample conversation: {@code events/seed/conversations.json} of the checkout the CLI runs
     * in (found from the working directory, or from the jar's location upwards), else the copy
     * bundled in the jar, so the jar works from any directory.
     */
    public static SeedData sample() {
        Optional<Path> file = findSample();
        if (file.isPresent()) {
            return fromFile(file.get());
        }
        try (InputStream in = SeedData.class.getResourceAsStream(BUNDLED_SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the sample conversation is neither in events/seed nor bundled");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new SeedData("the bundled sample conversation", parse(BUNDLED_SAMPLE, text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the items, with progress on {@code progress} for large files.
     */
    public void load(DynamoDbClient client, String table, PrintStream progress) {
        int total = items.size();
        boolean report = total >= PROGRESS_THRESHOLD;
        int[] lastReported = {0};
        Items.putAll(client, table, items, written -> {
            // About every tenth of the file, and at the end.
            if (report && (written - lastReported[0] >= Math.max(25, total / 10) || written == total)) {
                lastReported[0] = written;
                progress.printf("seeding %s: %d/%d items%n", table, written, total);
            }
        });
    }

    private static List<Map<String, AttributeValue>> parse(String name, String text) {
        List<Map<String, AttributeValue>> items;
        try {
            items = DynamoJson.parseItems(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": " + e.getMessage());
        }
        for (int i = 0; i < items.size(); i++) {
            Map<String, AttributeValue> item = items.get(i);
            if (!isString(item.get(MessagesTable.PK)) || !isString(item.get(MessagesTable.SK))) {
                throw new InputException(name + ": item " + i + " has no string \"pk\" and \"sk\"");
            }
            int index = i;
            keyProblem(item, MessagesTable.PK, PARTITION_KEY_BYTES)
                    .or(() -> keyProblem(item, MessagesTable.SK, SORT_KEY_BYTES))
                    .or(() -> item.containsKey(MessagesTable.GROUP_INDEX_PK) && !isString(item.get(MessagesTable.GROUP_INDEX_PK))
                            ? Optional.of("\"" + MessagesTable.GROUP_INDEX_PK + "\" is the index's key: a string")
                            : keyProblem(item, MessagesTable.GROUP_INDEX_PK, PARTITION_KEY_BYTES))
                    .ifPresent(problem -> {
                        throw new InputException(name + ": item " + index + ": " + problem);
                    });
        }
        return items;
    }

    /** Why DynamoDB would refuse the item's key attribute {@code key} (of the table or its index), if present. */
    private static Optional<String> keyProblem(Map<String, AttributeValue> item, String key, int maxBytes) {
        AttributeValue value = item.get(key);
        if (value == null || value.s() == null) {
            return Optional.empty();
        }
        int bytes = value.s().getBytes(StandardCharsets.UTF_8).length;
        return bytes == 0 ? Optional.of("\"" + key + "\" is empty: a key attribute must not be")
                : bytes > maxBytes ? Optional.of("\"" + key + "\" is " + bytes + " bytes, more than a key attribute's "
                        + maxBytes) : Optional.empty();
    }

    private static boolean isString(AttributeValue value) {
        return value != null && value.s() != null;
    }

    private static Optional<Path> findSample() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SAMPLE))) {
                return Optional.of(relativeToCwd(cwd, dir.resolve(SAMPLE)));
            }
        }
        try {
            Path code = Path.of(SeedData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(SAMPLE))) {
                    return Optional.of(relativeToCwd(cwd, dir.resolve(SAMPLE)));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No usable code location (unusual class loaders): fall back to the bundled copy.
        }
        return Optional.empty();
    }

    private static Path relativeToCwd(Path cwd, Path file) {
        Path relative = cwd.relativize(file.toAbsolutePath());
        return relative.toString().length() < file.toString().length() ? relative : file;
    }
}
