package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {

    @Test
    void theHelpListsEveryOptionAndEverySettingTheLauncherReadsFromTheEnvironment() {
        assertThat(StackSettings.usage()).startsWith("Usage: ./run.sh")
                .contains("--cluster", "--reset", "--build", "--backup", "--restore", "--kafka-user")
                .contains("DISPATCH_DATA_DIR", "DISPATCH_POSTGRES_PORT", "DISPATCH_KAFKA_PORT", "DISPATCH_GATEWAY_PORT",
                        "DISPATCH_REQUEST_SERVICE_PORT", "DISPATCH_VOLUNTEER_SERVICE_PORT", "DISPATCH_MEMBER_SERVICE_PORT",
                        "DISPATCH_REDIS_PORT", "DISPATCH_JAVA_OPTS", "DISPATCH_START_TIMEOUT", "DISPATCH_DEMO_DATA",
                        "DISPATCH_POSTGRES_STATEMENTS");
    }

    @Test
    void defaultsFitOneMachine() {
        StackSettings settings = StackSettings.from(Map.of("DISPATCH_ROOT", "/srv/dispatch"), List.of());

        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/dispatch/.data"));
        assertThat(settings.logs()).isEqualTo(Path.of("/srv/dispatch/.data/logs"));
        assertThat(settings.reset()).isFalse();
        assertThat(List.of(settings.gatewayPort(), settings.requestServicePort(), settings.volunteerServicePort(),
                settings.memberServicePort())).containsExactly(8080, 8081, 8082, 8083);
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.brokers()).isEqualTo(1);
        assertThat(settings.instances()).isEqualTo(1);
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("localhost:19092");
        assertThat(settings.ports()).containsExactly(15432, 19092, 19093, 8080, 9080, 8081, 9081, 8082, 9082, 8083, 9083);
        assertThat(settings.javaOptions()).containsExactly("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.demoData()).isTrue();
        assertThat(settings.statementStatistics()).isFalse();
    }

    @Test
    void theEnvironmentAndResetOverrideTheDefaults() {
        StackSettings settings = StackSettings.from(Map.of(
                "DISPATCH_ROOT", "/srv/dispatch",
                "DISPATCH_DATA_DIR", "/var/lib/dispatch",
                "DISPATCH_GATEWAY_PORT", "9080",
                "DISPATCH_KAFKA_PORT", "29092",
                "DISPATCH_JAVA_OPTS", "  -Xmx256m   -XX:+UseParallelGC ",
                "DISPATCH_START_TIMEOUT", "60",
                "DISPATCH_DEMO_DATA", "false",
                "DISPATCH_POSTGRES_STATEMENTS", "true"), List.of("--reset"));

        assertThat(settings.reset()).isTrue();
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/dispatch"));
        assertThat(settings.gatewayPort()).isEqualTo(9080);
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("localhost:29092");
        assertThat(settings.javaOptions()).containsExactly("-Xmx256m", "-XX:+UseParallelGC");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.demoData()).isFalse();
        assertThat(settings.statementStatistics()).isTrue();
    }

    @Test
    void clusterModeRunsThreeBrokersAndTwoOfEveryServiceOnPortsOfTheirOwn() {
        StackSettings settings = StackSettings.from(Map.of("DISPATCH_ROOT", "/srv/dispatch"), List.of("--cluster"));

        assertThat(settings.cluster()).isTrue();
        assertThat(settings.brokers()).isEqualTo(3);
        assertThat(settings.instances()).isEqualTo(2);
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("localhost:19092,localhost:19094,localhost:19096");
        assertThat(settings.ports()).containsExactly(15432, 19092, 19093, 19094, 19095, 19096, 19097,
                8080, 9080, 8081, 9081, 8082, 9082, 8083, 9083, 8090, 9090, 8091, 9091, 8092, 9092, 8093, 9093, 16379);
    }

    @Test
    void badValuesAreNamedInTheMessage() {
        assertThatThrownBy(() -> StackSettings.from(Map.of("DISPATCH_GATEWAY_PORT", "eighty"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DISPATCH_GATEWAY_PORT");
        assertThatThrownBy(() -> StackSettings.from(Map.of("DISPATCH_POSTGRES_PORT", "70000"), List.of()))
                .hasMessageContaining("DISPATCH_POSTGRES_PORT");
        assertThatThrownBy(() -> StackSettings.from(Map.of("DISPATCH_START_TIMEOUT", "-1"), List.of()))
                .hasMessageContaining("DISPATCH_START_TIMEOUT");
        assertThatThrownBy(() -> StackSettings.from(Map.of(), List.of("--fast")))
                .hasMessageContaining("--fast");
    }

    @Test
    void portsThatOverlapAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> StackSettings.from(Map.of("DISPATCH_MEMBER_SERVICE_PORT", "28083", "DISPATCH_KAFKA_PORT", "29092"),
                List.of("--cluster")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("29093");
        assertThatThrownBy(() -> StackSettings.from(Map.of("DISPATCH_GATEWAY_PORT", "9081"), List.of()))
                .hasMessageContaining("9081");
    }

    @Test
    void aBackupGoesToTheBackupsFolderUnlessAFileIsNamedAndStandsAlone() {
        assertThat(StackSettings.from(Map.of("DISPATCH_ROOT", "/srv/dispatch"), List.of("--backup")).backupTo())
                .isEqualTo(Path.of("/srv/dispatch/backups"));
        assertThat(StackSettings.from(Map.of("DISPATCH_ROOT", "/srv/dispatch"), List.of("--backup", "/mnt/nas/monday.zip"))
                .backupTo()).isEqualTo(Path.of("/mnt/nas/monday.zip"));
        assertThat(StackSettings.from(Map.of("DISPATCH_ROOT", "/srv/dispatch"), List.of("--cluster", "--backup")).backupTo())
                .isEqualTo(Path.of("/srv/dispatch/backups"));
        assertThatThrownBy(() -> StackSettings.from(Map.of(), List.of("--backup", "--reset")))
                .hasMessageContaining("--backup");
    }

    @Test
    void aRestoreNeedsItsFileAndNeverDeletesIt(@TempDir Path folder) throws Exception {
        Path backup = Files.writeString(folder.resolve("backup.zip"), "a backup");
        Path kept = Files.writeString(Files.createDirectories(folder.resolve("data")).resolve("backup.zip"), "a backup");

        assertThat(StackSettings.from(Map.of("DISPATCH_DATA_DIR", folder.resolve("data").toString()),
                List.of("--reset", "--restore", backup.toString())).restoreFrom()).isEqualTo(backup);
        assertThatThrownBy(() -> StackSettings.from(Map.of(), List.of("--restore", folder.resolve("none.zip").toString())))
                .hasMessageContaining("no backup file at");
        assertThatThrownBy(() -> StackSettings.from(Map.of("DISPATCH_DATA_DIR", folder.resolve("data").toString()),
                List.of("--reset", "--restore", kept.toString())))
                .hasMessageContaining("--reset would delete the backup");
    }
}
