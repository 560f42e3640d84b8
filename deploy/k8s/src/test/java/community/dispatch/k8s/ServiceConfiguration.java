package community.dispatch.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a deployable's {@code application.yml} says: the environment variables it reads (each
 * {@code ${NAME:default}}, with its default), its port, and whether its probe groups are on.
 */
record ServiceConfiguration(String name, Map<String, String> variables, JsonNode tree) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    static ServiceConfiguration of(String name) {
        Path file = Rendered.ROOT.resolve(name).resolve("src/main/resources/application.yml");
        try {
            String text = Files.readString(file);
            Map<String, String> variables = new TreeMap<>();
            Matcher placeholder = PLACEHOLDER.matcher(text);
            while (placeholder.find()) {
                variables.put(placeholder.group(1), placeholder.group(2));
            }
            return new ServiceConfiguration(name, variables, YAMLMapper.builder().build().readTree(text));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return Integer.parseInt(variables.get("SERVER_PORT"));
    }

    boolean probesEnabled() {
        return tree.at("/management/endpoint/health/probes/enabled").asBoolean(false);
    }

    /** A variable whose default only fits a developer's machine: none at all, or one on localhost. */
    boolean needsSettingInACluster(String variable) {
        String fallback = variables.get(variable);
        return fallback == null || fallback.isBlank() || fallback.contains("localhost");
    }
}
