package com.cruddur.messaging.ops;

import com.cruddur.messaging.schema.DeploymentContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: what the build put in {@code <program>.properties} (Maven resource filtering). */
final class BuildInfo implements IVersionProvider {

    private final String program;

    BuildInfo(String program) {
        this.program = program;
    }

    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/" + program + ".properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = build.getProperty("version", "(unknown: not built by Maven)");
        return new String[] {
            program + " " + version,
            "handler: " + build.getProperty("handler", "?") + ", from " + build.getProperty("handler.artifact", "?")
                    + " " + version,
            "deployment jar: " + DeploymentContract.FUNCTION_JAR,
            "built with: AWS SDK " + build.getProperty("aws-sdk", "?")
                    + (build.getProperty("dynamodb-local") == null ? "" : ", DynamoDB Local " + build.getProperty("dynamodb-local"))
                    + ", Lambda runtime serializer " + build.getProperty("lambda-serialization", "?")
                    + ", picocli " + build.getProperty("picocli", "?")
                    + ", Jackson " + build.getProperty("jackson", "?")
                    + (build.getProperty("s3proxy") == null ? "" : ", s3proxy " + build.getProperty("s3proxy"))
                    + ", event-ruler " + build.getProperty("event-ruler", "?"),
            "running on: Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
