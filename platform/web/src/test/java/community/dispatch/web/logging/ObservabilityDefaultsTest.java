package community.dispatch.web.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ObservabilityDefaultsTest {

    @Test
    void logsAreJsonUnlessSomeoneReadsThemInATerminal() {
        assertThat(ObservabilityDefaults.json(null, false)).isTrue();
        assertThat(ObservabilityDefaults.json(" ", true)).isFalse();
        assertThat(ObservabilityDefaults.json("JSON", true)).isTrue();
        assertThat(ObservabilityDefaults.json("text", false)).isFalse();
    }

    @Test
    void anUnknownFormatStopsTheStartWithTheVariableToFix() {
        assertThatIllegalStateException().isThrownBy(() -> ObservabilityDefaults.json("logstash-xml", false))
                .withMessageContaining("DISPATCH_LOG_FORMAT");
    }

    @Test
    void chosenJsonMeansEcsLinesWithTheCorrelationAndTraceIdsInTextLinesToo() {
        StandardEnvironment environment = environment(Map.of(ObservabilityDefaults.FORMAT, "json"));
        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("logging.pattern.correlation")).contains("%X{requestId", "%X{traceId");
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
        environment.getPropertySources().addFirst(new MapPropertySource("name", Map.of("spring.application.name", "gateway")));
        assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("gateway");
    }

    @Test
    void theApplicationsOwnSettingsWin() {
        StandardEnvironment environment = environment(Map.of(ObservabilityDefaults.FORMAT, "text",
                "management.tracing.sampling.probability", "1.0"));
        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
