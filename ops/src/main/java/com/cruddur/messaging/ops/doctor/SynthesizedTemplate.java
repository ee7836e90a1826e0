package com.cruddur.messaging.ops.doctor;

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
        return read(Path.of("").toAbsolutePath()).or(() -> codeLocation().flatMap(SynthesizedTemplate::read));
    }

    /** The template of the checkout that holds {@code dir}, found from it upwards. */
    static Optional<SynthesizedTemplate> read(Path dir) {
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve(RELATIVE))) {
                return parse(at.resolve(RELATIVE));
            }
        }
        return Optional.empty();
    }

    private static Optional<SynthesizedTemplate> parse(Path file) {
        try {
            return Optional.of(new SynthesizedTemplate(RELATIVE.toString(), new ObjectMapper().readTree(file.toFile())));
        } catch (IOException e) {
            // A template that cannot be read counts as none: the default requirement stands.
            return Optional.empty();
        }
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(SynthesizedTemplate.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent());
        } catch (URISyntaxException | RuntimeException e) {
            // No usable code location: only the working directory counts.
            return Optional.empty();
        }
    }
}
