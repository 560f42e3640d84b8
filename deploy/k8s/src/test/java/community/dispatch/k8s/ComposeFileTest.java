package community.dispatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import community.dispatch.events.KafkaAccess;

/**
 * deploy/compose/compose.yaml runs what the code expects: each deployable from its Jib image, told
 * only variables it reads and every one it needs, its secrets from the user's environment, and a
 * healthcheck on its own readiness probe. (SnakeYAML, since the file uses YAML merge keys.)
 */
class ComposeFileTest {

    @Test
    void eachDeployableIsConfiguredAndHealthCheckedAsItsConfigurationSays() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String name : ManifestsIT.DEPLOYABLES) {
            ServiceConfiguration configuration = ServiceConfiguration.of(name);
            Map<String, Object> service = services.get(name);
            assertThat(service).as(name).isNotNull();
            assertThat((String) service.get("image")).startsWith("community-dispatch/" + name + ":");

            @SuppressWarnings("unchecked")
            Map<String, String> environment = (Map<String, String>) service.get("environment");
            assertThat(configuration.variables()).as("%s reads every variable it is given", name)
                    .containsKeys(environment.keySet().toArray(String[]::new));
            assertThat(configuration.neededButUnset(environment)).as("%s: variables it needs", name).isEmpty();
            environment.forEach((variable, value) -> {
                if (variable.endsWith("PASSWORD") || variable.endsWith("SECRET") || variable.endsWith("TOKEN")) {
                    assertThat(value).as("%s comes from the user's environment", variable).startsWith("${");
                }
            });

            @SuppressWarnings("unchecked")
            List<String> healthcheck = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
            assertThat(String.join(" ", healthcheck)).contains("localhost/" + configuration.port())
                    .contains("/readyz");
        }
        assertThat(services).containsKeys("postgres", "kafka", "kafka-setup");
        services.forEach((name, service) -> {
            if (!"no".equals(service.get("restart"))) {
                assertThat(service).as(name + " has a healthcheck").containsKey("healthcheck");
            }
        });
    }

    /** Each service signs in to Kafka as its own user, with exactly the ACLs {@link KafkaAccess} gives it. */
    @Test
    void eachServiceSignsInToKafkaAndKafkaSetupGrantsItExactlyItsAccess() throws IOException {
        Map<String, Map<String, Object>> services = services();
        List<String> setup = Files.readAllLines(Rendered.ROOT.resolve("deploy/compose/kafka-setup.sh"));
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            @SuppressWarnings("unchecked")
            Map<String, String> environment = (Map<String, String>) services.get(access.principal()).get("environment");
            assertThat(environment).containsEntry("DISPATCH_KAFKA_USERNAME", access.principal())
                    .hasEntrySatisfying("DISPATCH_KAFKA_PASSWORD", password -> assertThat(password).startsWith("${"));
            Set<String> granted = setup.stream().filter(line -> line.startsWith("allow " + access.principal() + " "))
                    .map(line -> line.substring(("allow " + access.principal() + " ").length())).collect(Collectors.toSet());
            assertThat(granted).as("%s's ACLs", access.principal()).containsExactlyInAnyOrderElementsOf(KafkaAcls.of(access));
            assertThat(setup).anyMatch(line -> line.startsWith("user " + access.principal() + " "));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(Rendered.ROOT.resolve("deploy/compose/compose.yaml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }
}
