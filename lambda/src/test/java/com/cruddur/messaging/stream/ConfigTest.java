package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheProductionTableAndIndex() {
        Config config = Config.fromEnvironment(Map.of());

        assertThat(config.tableName()).isEqualTo("cruddur-messages");
        assertThat(config.indexName()).isEqualTo("message-group-sk-index");
        assertThat(config.metricsNamespace()).isEqualTo("Cruddur/Messaging");
        assertThat(config).isEqualTo(Config.defaults());
    }

    @Test
    void environmentVariablesOverrideEachSetting() {
        Config config = Config.fromEnvironment(Map.of(
                "TABLE_NAME", "messages-staging", "INDEX_NAME", "by-group", "GROUP_MAX_ATTEMPTS", "3",
                "BACKOFF_BASE_MS", "10", "BACKOFF_MAX_MS", "100", "MAX_CONCURRENCY", "2",
                "METRICS_NAMESPACE", "Cruddur/Messaging-Staging", "WRITE_MODE", "Put-First"));

        assertThat(config).isEqualTo(new Config("messages-staging", "by-group", 3,
                Duration.ofMillis(10), Duration.ofMillis(100), 2, "Cruddur/Messaging-Staging", WriteMode.PUT_FIRST));
    }

    @Test
    void theHandlerHasExactlyTheWritePathsTheDeploymentContractNames() {
        assertThat(java.util.Arrays.stream(WriteMode.values()).map(WriteMode::value))
                .containsExactlyElementsOf(com.cruddur.messaging.schema.DeploymentContract.WriteModes.ALL);
    }

    @Test
    void unusableValuesFailAtStartWithTheVariablesName() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("MAX_CONCURRENCY", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MAX_CONCURRENCY");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GROUP_MAX_ATTEMPTS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GROUP_MAX_ATTEMPTS");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("BACKOFF_BASE_MS", "500", "BACKOFF_MAX_MS", "10")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WRITE_MODE", "eventually")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WRITE_MODE").hasMessageContaining("put-first");
    }

    @Test
    void aMetricsNamespaceCloudWatchWouldRejectFailsAtStart() {
        for (String bad : new String[] {"AWS/Lambda", ":colon-first", "tab\tinside", "é", "x".repeat(256)}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("METRICS_NAMESPACE", bad)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("METRICS_NAMESPACE");
        }
        assertThat(Config.fromEnvironment(Map.of("METRICS_NAMESPACE", "Team A/Messaging.v2_#1:prod")).metricsNamespace())
                .isEqualTo("Team A/Messaging.v2_#1:prod");
    }
}
