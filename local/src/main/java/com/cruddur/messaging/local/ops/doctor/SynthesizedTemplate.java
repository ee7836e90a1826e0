package com.cruddur.messaging.local.ops.doctor;

import com.cruddur.messaging.schema.DeploymentContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The stack's template as {@code ./dev cdk synth} last wrote it,
 * {@code infra/cdk.out/CruddurMessaging.template.json} of the checkout doctor runs in (found from
 * the working directory upwards, then from the jar's location upwards, as the sample data is).
 *
 * @param path where it was found, for the report
 * @param json the template
 */
record SynthesizedTemplate(String path, JsonNode json) {

    private static final Path RELATIVE = Path.of("infra", "cdk.out", DeploymentContract.Stack.NAME + ".template.json");

    /** The template, if a synth left one and it is JSON. */
    static Optional<SynthesizedTemplate> read() {
        return find().flatMap(SynthesizedTemplate::parse);
    }

    private static Optional<SynthesizedTemplate> parse(Path file) {
        try {
            return Optional.of(new SynthesizedTemplate(RELATIVE.toString(), new ObjectMapper().readTree(file.toFile())));
        } catch (IOException e) {
            // A template that cannot be read counts as none: the default requirement stands.
            return Optional.empty();
        }
    }

    private static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(RELATIVE))) {
                return Optional.of(dir.resolve(RELATIVE));
            }
        }
        try {
            Path code = Path.of(SynthesizedTemplate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(RELATIVE))) {
                    return Optional.of(dir.resolve(RELATIVE));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No usable code location: only the working directory counts.
        }
        return Optional.empty();
    }
}
