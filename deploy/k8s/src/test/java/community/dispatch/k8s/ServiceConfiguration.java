package community.dispatch.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /** Liveness and readiness groups on, and answered on the serving port too ({@code /livez}, {@code /readyz}). */
    boolean probesEnabled() {
        return tree.at("/management/endpoint/health/probes/enabled").asBoolean(false)
                && tree.at("/management/endpoint/health/probes/add-additional-paths").asBoolean(false);
    }

    boolean exposes(String endpoint) {
        return List.of(tree.at("/management/endpoints/web/exposure/include").asString().split(",")).contains(endpoint);
    }

    /** Variables without a default fit for a deployment that one may leave unset, and why. */
    static final Map<String, String> OPTIONAL = Map.of(
            "DISPATCH_ADMIN_PASSWORD_FILE", "the first admin's password is given directly instead",
            "DISPATCH_SIGNING_KEY_PREVIOUS_SECRET", "set only while the signing-key secret is being changed",
            "DISPATCH_CORS_ALLOWED_ORIGINS", "no browser front end on another origin unless one is deployed",
            "DISPATCH_REDIS_URI", "one gateway keeps its rate-limit buckets itself (ManifestsIT requires it for several)",
            "DISPATCH_OPEN311_JURISDICTION_ID", "an Open311 endpoint serving one community need not name its jurisdiction");

    /**
     * The variables this deployable reads whose default only fits a developer's machine (none at all,
     * or one on localhost) and that {@code set} leaves unset: none may be, but for {@link #OPTIONAL}
     * ones and the SMS provider's while codes stay in the sandbox.
     */
    Set<String> neededButUnset(Map<String, String> set) {
        Set<String> missing = new TreeSet<>();
        variables.forEach((variable, fallback) -> {
            boolean onlyForOneMachine = fallback == null || fallback.isBlank() || fallback.contains("localhost");
            if (onlyForOneMachine && !set.containsKey(variable) && !OPTIONAL.containsKey(variable)
                    && !variable.equals("SERVER_PORT")) {
                missing.add(variable);
            }
        });
        if ("true".equals(set.get("DISPATCH_SMS_SANDBOX"))) {
            missing.removeAll(Set.of("DISPATCH_SMS_URL", "DISPATCH_SMS_TOKEN"));
        }
        return missing;
    }
}
