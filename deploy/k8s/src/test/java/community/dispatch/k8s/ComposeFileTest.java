package community.dispatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

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
                    .contains("/actuator/health/readiness");
        }
        assertThat(services).containsKeys("postgres", "kafka").allSatisfy((name, service) ->
                assertThat(service).as(name + " has a healthcheck").containsKey("healthcheck"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(Rendered.ROOT.resolve("deploy/compose/compose.yaml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }
}
