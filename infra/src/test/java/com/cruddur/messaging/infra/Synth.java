package com.cruddur.messaging.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the app the way {@link InfraApp#main} does, for the tests. */
final class Synth {

    private static Template defaultTemplate;
    private static Template existingTableTemplate;
    private static Template existingVpcTemplate;

    private Synth() {
    }

    /** The stack with no context (a new VPC, the default table name), synthesized once per test JVM. */
    static synchronized Template defaultTemplate() {
        if (defaultTemplate == null) {
            defaultTemplate = Template.fromStack(stack(new LinkedHashMap<>()));
        }
        return defaultTemplate;
    }

    /** The stack on an existing table, {@code cruddur-messages} with the stream {@link StackConfigTest#STREAM_ARN}. */
    static synchronized Template existingTableTemplate() {
        if (existingTableTemplate == null) {
            existingTableTemplate = Template.fromStack(stack(existingTableContext()));
        }
        return existingTableTemplate;
    }

    /** The stack in an existing VPC whose route tables are confirmed as the function's alone. */
    static synchronized Template existingVpcTemplate() {
        if (existingVpcTemplate == null) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put(StackConfig.VPC_ID, "vpc-0123456789abcdef0");
            context.put(StackConfig.SUBNET_IDS, "subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2");
            context.put(StackConfig.ROUTE_TABLE_IDS, "rtb-0aaaaaaaaaaaaaaa1,rtb-0bbbbbbbbbbbbbbb2");
            context.put(StackConfig.AVAILABILITY_ZONES, "eu-west-1a,eu-west-1b");
            context.put(StackConfig.DEDICATED_ROUTE_TABLES, "true");
            existingVpcTemplate = Template.fromStack(stack(context));
        }
        return existingVpcTemplate;
    }

    private static final Map<String, Template> byWriteMode = new LinkedHashMap<>();

    /**
     * The stack deploying a given write path ({@code -c writeMode=...}), on a new table or on the
     * existing one, synthesized once per test JVM.
     */
    static synchronized Template writeModeTemplate(String writeMode, boolean existingTable) {
        return byWriteMode.computeIfAbsent(writeMode + (existingTable ? "/existing-table" : "/new-table"), k -> {
            Map<String, Object> context = existingTable ? existingTableContext() : new LinkedHashMap<>();
            context.put(StackConfig.WRITE_MODE, writeMode);
            return Template.fromStack(stack(context));
        });
    }

    /**
     * The templates of the deployment modes, by name: new-table, existing-table, existing-table-with-key
     * (a customer managed key), existing-vpc.
     */
    static Map<String, Template> modes() {
        Map<String, Template> modes = new LinkedHashMap<>();
        modes.put("new-table", defaultTemplate());
        modes.put("existing-table", existingTableTemplate());
        modes.put("existing-table-with-key", existingTableWithKeyTemplate());
        modes.put("existing-vpc", existingVpcTemplate());
        return modes;
    }

    private static Template existingTableWithKeyTemplate;

    /** The stack on the existing table encrypted with the customer managed key {@link StackConfigTest#KMS_KEY_ARN}. */
    static synchronized Template existingTableWithKeyTemplate() {
        if (existingTableWithKeyTemplate == null) {
            existingTableWithKeyTemplate = Template.fromStack(stack(existingTableWithKeyContext()));
        }
        return existingTableWithKeyTemplate;
    }

    /** {@link #existingTableContext()} and {@code -c existingTableKmsKeyArn=...}. */
    static Map<String, Object> existingTableWithKeyContext() {
        Map<String, Object> context = existingTableContext();
        context.put(StackConfig.EXISTING_TABLE_KMS_KEY_ARN, StackConfigTest.KMS_KEY_ARN);
        return context;
    }

    /** {@code -c existingTableName=cruddur-messages -c existingTableStreamArn=...}. */
    static Map<String, Object> existingTableContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(StackConfig.EXISTING_TABLE_NAME, "cruddur-messages");
        context.put(StackConfig.EXISTING_TABLE_STREAM_ARN, StackConfigTest.STREAM_ARN);
        return context;
    }

    /** The stack built by {@link InfraApp#createStack} in a new app with the given context. */
    static MessagingStack stack(Map<String, Object> context) {
        requireLambdaJar();
        return InfraApp.createStack(new App(AppProps.builder().context(context).build()));
    }

    /** A fresh app, with the given context, writing its cloud assembly to {@code outdir}. */
    static App app(Map<String, Object> context, Path outdir) {
        requireLambdaJar();
        return new App(AppProps.builder().context(context).outdir(outdir.toString()).build());
    }

    /** All resources of a type in the template, by logical id. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.findResources(type);
    }

    /** The Properties of the only resource of a type. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> onlyProperties(Template template, String type) {
        Map<String, Map<String, Object>> found = resources(template, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }

    /** The Properties of the only resource of a type whose property {@code key} equals {@code value}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> onlyProperties(Template template, String type, String key, Object value) {
        List<Map<String, Object>> found = resources(template, type).values().stream()
                .map(resource -> (Map<String, Object>) resource.get("Properties"))
                .filter(properties -> value.equals(properties.get(key)))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " with " + key + "=" + value + ", found " + found.size());
        }
        return found.getFirst();
    }

    /** The logical id of the stream handler (the only java25 function). */
    static String functionId(Template template) {
        return resources(template, "AWS::Lambda::Function").entrySet().stream()
                .filter(e -> "java25".equals(get(e.getValue(), "Properties", "Runtime")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static <T> T get(Object map, String... path) {
        Object current = map;
        for (String key : path) {
            current = ((Map<String, Object>) Objects.requireNonNull(current, key)).get(key);
        }
        return (T) current;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }

    private static void requireLambdaJar() {
        Path jar = Path.of(StackConfig.DEFAULT_LAMBDA_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The CDK tests synthesize the stack from " + jar.toAbsolutePath().normalize()
                    + ", which does not exist. Build the lambda module first: run the tests from the root "
                    + "(./mvnw -pl infra -am verify, or ./dev test), or ./mvnw -pl lambda -am package.");
        }
    }
}
