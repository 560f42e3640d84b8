package community.dispatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import community.dispatch.events.KafkaAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests, as each overlay renders, agree with the code: every object is valid
 * Kubernetes (parsed strictly, {@link Rendered}); each deployable listens, is probed and is configured
 * as its {@code application.yml} says; the topics are the event catalogue's; the services reach their
 * own database and the Kafka cluster; and only the gateway can be reached from outside.
 */
class ManifestsIT {

    static final List<String> DEPLOYABLES = List.of("gateway", "request-service", "volunteer-service", "member-service");

    /** Every pod's actuator port (pod-defaults.yaml): health in detail and metrics, for Prometheus only. */
    static final int MANAGEMENT_PORT = 9090;

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "restore" })
    void eachDeployableListensAndIsProbedWhereItsConfigurationSays(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        assertThat(rendered.all(Deployment.class)).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(DEPLOYABLES);
        for (String name : DEPLOYABLES) {
            ServiceConfiguration configuration = ServiceConfiguration.of(name);
            Container container = container(rendered.named(Deployment.class, name));
            Map<String, String> variables = environment(rendered, container);
            assertThat(container.getPorts()).extracting(port -> port.getName() + ":" + port.getContainerPort())
                    .as(name + "'s ports").containsExactly("http:" + configuration.port(), "management:" + MANAGEMENT_PORT);
            assertThat(variables).as(name + "'s actuator on its own port, on the pod's address")
                    .containsEntry("DISPATCH_MANAGEMENT_PORT", Integer.toString(MANAGEMENT_PORT))
                    .containsEntry("DISPATCH_MANAGEMENT_ADDRESS", "0.0.0.0");
            assertThat(rendered.named(Service.class, name).getSpec().getPorts()).as("the actuator is in no Service")
                    .singleElement().satisfies(port -> {
                        assertThat(port.getPort()).isEqualTo(configuration.port());
                        assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
                    });
            assertThat(configuration.probesEnabled()).as(name + " has probe groups on its serving port").isTrue();
            assertProbe(container.getStartupProbe(), "/livez");
            assertProbe(container.getLivenessProbe(), "/livez");
            assertProbe(container.getReadinessProbe(), "/readyz");
            assertThat(configuration.exposes("prometheus")).as(name + " exports metrics").isTrue();
            assertThat(rendered.named(Deployment.class, name).getSpec().getTemplate().getMetadata().getAnnotations())
                    .as(name + " is scraped").containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", Integer.toString(MANAGEMENT_PORT))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            var pod = rendered.named(Deployment.class, name).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runs as non-root").isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

            HorizontalPodAutoscaler autoscaler = rendered.named(HorizontalPodAutoscaler.class, name);
            assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            assertThat(autoscaler.getSpec().getMinReplicas()).isPositive();
            assertThat(rendered.named(PodDisruptionBudget.class, name).getSpec().getSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "restore" })
    void everyVariableSetIsReadAndEveryOneWithoutAClusterDefaultIsSet(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (String name : DEPLOYABLES) {
            ServiceConfiguration configuration = ServiceConfiguration.of(name);
            Map<String, String> set = environment(rendered, container(rendered.named(Deployment.class, name)));
            assertThat(configuration.variables()).as("%s reads every variable it is given", name)
                    .containsKeys(set.keySet().toArray(String[]::new));
            assertThat(configuration.neededButUnset(set))
                    .as("%s in %s: variables whose default only fits one machine", name, overlay).isEmpty();
            if (name.equals("gateway") && rendered.named(HorizontalPodAutoscaler.class, name).getSpec().getMaxReplicas() > 1) {
                assertThat(set).as("several gateways share their rate-limit buckets").containsKey("DISPATCH_REDIS_URI");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "restore" })
    void secretsAreOnlyReferencedEachMadeByAnOperatorOrDocumented(String overlay) throws IOException {
        Rendered rendered = Rendered.of(overlay);
        String guide = Files.readString(Rendered.ROOT.resolve("deploy/README.md"));
        Set<String> databases = rendered.custom("Cluster").stream()
                .map(cluster -> cluster.at("/metadata/name").asString() + "-app").collect(Collectors.toSet());
        // Strimzi's user operator keeps each KafkaUser's password in a Secret of the user's name.
        Set<String> kafkaUsers = rendered.custom("KafkaUser").stream()
                .map(user -> user.at("/metadata/name").asString()).collect(Collectors.toSet());
        for (Deployment deployment : rendered.all(Deployment.class)) {
            for (EnvVar variable : container(deployment).getEnv()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    String secret = variable.getValueFrom().getSecretKeyRef().getName();
                    assertThat(databases.contains(secret) || kafkaUsers.contains(secret) || guide.contains("`" + secret + "`"))
                            .as("Secret %s (for %s) is made by CloudNativePG or Strimzi, or explained in deploy/README.md", secret,
                                    variable.getName()).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "restore" })
    void theTopicsAreTheCataloguesEachWithItsDeadLetters(String overlay) throws IOException {
        Rendered rendered = Rendered.of(overlay);
        JsonNode catalogue = YAMLMapper.builder().build()
                .readTree(Files.readString(Rendered.ROOT.resolve("platform/events/asyncapi.yaml")));
        Set<String> expected = new TreeSet<>();
        catalogue.path("channels").forEach(channel -> {
            String address = channel.path("address").asString();
            // A channel with a parameter (a municipal system's intake topic) is made at run time, per system.
            if (!address.contains("{")) {
                expected.add(address);
                expected.add(address + "-dlt");
            }
        });
        Map<String, String> common = rendered.named(ConfigMap.class, "dispatch-common").getData();
        int copies = Integer.parseInt(common.get("DISPATCH_KAFKA_REPLICATION_FACTOR"));
        List<JsonNode> topics = rendered.custom("KafkaTopic");
        assertThat(topics).extracting(topic -> topic.at("/spec/topicName").asString())
                .containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode topic : topics) {
            assertThat(topic.at("/spec/partitions").asInt()).isEqualTo(Integer.parseInt(common.get("DISPATCH_KAFKA_PARTITIONS")));
            assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(copies);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(copies > 1 ? 2 : 1);
        }
        JsonNode kafka = rendered.custom("Kafka").get(0);
        assertThat(kafka.at("/spec/kafka/config/default.replication.factor").asInt()).isEqualTo(copies);
        assertThat(rendered.custom("KafkaNodePool")).extracting(pool -> pool.at("/spec/replicas").asInt())
                .containsExactly(copies);
        int listener = kafka.at("/spec/kafka/listeners/0/port").asInt();
        assertThat(common.get("DISPATCH_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(kafka.at("/metadata/name").asString() + "-kafka-bootstrap:" + listener);
    }

    /**
     * Every Kafka client signs in and may do only what {@link KafkaAccess} says: each listener authenticates, the
     * cluster authorizes, each service has a KafkaUser with exactly its ACLs, and signs in as it.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "restore" })
    void eachServiceSignsInToKafkaAndMayDoOnlyWhatKafkaAccessSays(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode kafka = rendered.custom("Kafka").get(0);
        assertThat(kafka.at("/spec/kafka/listeners")).allSatisfy(listener ->
                assertThat(listener.at("/authentication/type").asString()).as(listener.path("name").asString()).isEqualTo("scram-sha-512"));
        assertThat(kafka.at("/spec/kafka/authorization/type").asString()).isEqualTo("simple");
        assertThat(kafka.at("/spec/entityOperator/userOperator").isObject()).as("the user operator makes the users").isTrue();
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            JsonNode user = rendered.custom("KafkaUser").stream()
                    .filter(candidate -> candidate.at("/metadata/name").asString().equals(access.principal())).findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaUser " + access.principal()));
            assertThat(user.at("/spec/authentication/type").asString()).isEqualTo("scram-sha-512");
            Set<String> granted = new TreeSet<>();
            user.at("/spec/authorization/acls").forEach(acl -> acl.path("operations").forEach(operation -> granted.add(
                    acl.at("/resource/type").asString() + " " + acl.at("/resource/patternType").asString() + " "
                            + acl.at("/resource/name").asString() + " " + operation.asString())));
            assertThat(granted).as("%s's ACLs", access.principal()).containsExactlyInAnyOrderElementsOf(KafkaAcls.of(access));
            Map<String, String> set = environment(rendered, container(rendered.named(Deployment.class, access.principal())));
            assertThat(set).containsEntry("DISPATCH_KAFKA_USERNAME", access.principal())
                    .containsEntry("DISPATCH_KAFKA_PASSWORD", "secret:" + access.principal() + "/password");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "restore" })
    void eachServiceReachesItsOwnDatabaseAndTheGatewayReachesEachService(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (String service : List.of("request", "volunteer", "member")) {
            Map<String, String> set = environment(rendered, container(rendered.named(Deployment.class, service + "-service")));
            JsonNode database = rendered.custom("Cluster").stream()
                    .filter(cluster -> set.get("DISPATCH_DB_HOST").equals(cluster.at("/metadata/name").asString() + "-rw"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + "-service's database is not a Cluster here"));
            // Made empty (initdb) or recovered from a backup (the restore overlay): the same database either way.
            JsonNode bootstrap = database.at("/spec/bootstrap/initdb").isMissingNode() ? database.at("/spec/bootstrap/recovery")
                    : database.at("/spec/bootstrap/initdb");
            assertThat(bootstrap.path("database").asString()).isEqualTo(set.get("DISPATCH_DB_NAME"));
            assertThat(set.get("DISPATCH_DB_PASSWORD")).isEqualTo("secret:" + database.at("/metadata/name").asString() + "-app/password");
            String uri = environment(rendered, container(rendered.named(Deployment.class, "gateway")))
                    .get("DISPATCH_" + service.toUpperCase() + "_SERVICE_URI");
            assertThat(uri).isEqualTo("http://" + service + "-service:"
                    + rendered.named(Service.class, service + "-service").getSpec().getPorts().get(0).getPort());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "restore" })
    void onlyTheGatewayCanBeReachedFromOutside(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        assertThat(rendered.all(NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        });
        for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
            boolean fromAnywhere = policy.getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom().isEmpty());
            if (fromAnywhere) {
                assertThat(policy.getSpec().getPodSelector().getMatchLabels()).as(policy.getMetadata().getName())
                        .isEqualTo(Map.of("app.kubernetes.io/name", "gateway"));
            }
            policy.getSpec().getIngress().stream()
                    .filter(rule -> rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == MANAGEMENT_PORT))
                    .forEach(rule -> assertThat(rule.getFrom()).as("who reaches the actuators (" + policy.getMetadata().getName() + ")")
                            .singleElement().satisfies(from -> assertThat(from.getNamespaceSelector().getMatchLabels())
                                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"))));
        }
        assertThat(rendered.all(Ingress.class)).flatExtracting(ingress -> ingress.getSpec().getRules().stream()
                        .flatMap(rule -> rule.getHttp().getPaths().stream())
                        .map(path -> path.getBackend().getService().getName()).toList())
                .containsOnly("gateway");
        assertThat(rendered.all(Ingress.class)).flatExtracting(ingress -> ingress.getSpec().getRules().stream()
                        .flatMap(rule -> rule.getHttp().getPaths().stream()).map(path -> path.getPath()).toList())
                .as("the gateway's actuator (health, metrics) is not published").isNotEmpty()
                .noneMatch(path -> "/actuator/prometheus".startsWith(path))
                .as("the API, Open311 and the office console are").contains("/api", "/open311", "/console");
        assertThat(rendered.all(Service.class)).allSatisfy(service ->
                assertThat(service.getSpec().getType()).as(service.getMetadata().getName()).isNull());
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /**
     * Production archives every database continuously (WAL) and takes a base backup each night, to an object store
     * whose keys are a documented Secret; the restore overlay makes each database from exactly that archive and
     * archives the restored one elsewhere; and no topic keeps an event longer than a consumer remembers having
     * handled one (the kit's processed_event, 14 days), so a redelivered event is always recognised.
     */
    @Test
    void productionIsBackedUpTheRestoreOverlayRecoversFromItAndTopicsKeepNoLongerThanConsumersRemember() throws IOException {
        String guide = Files.readString(Rendered.ROOT.resolve("deploy/README.md"));
        Rendered prod = Rendered.of("prod");
        Map<String, JsonNode> archives = new HashMap<>();
        for (JsonNode cluster : prod.custom("Cluster")) {
            String name = cluster.at("/metadata/name").asString();
            JsonNode store = cluster.at("/spec/backup/barmanObjectStore");
            assertThat(store.path("destinationPath").asString()).as("%s archives to an object store", name).startsWith("s3://");
            assertThat(store.at("/wal/compression").asString()).as("%s archives its WAL", name).isNotEmpty();
            assertThat(cluster.at("/spec/backup/retentionPolicy").asString()).as(name).matches("\\d+[dwm]");
            for (String key : List.of("accessKeyId", "secretAccessKey")) {
                String secret = store.at("/s3Credentials/" + key + "/name").asString();
                assertThat(guide).as("the store's Secret %s is explained in deploy/README.md", secret).contains("`" + secret + "`");
            }
            archives.put(name, store);
            assertThat(prod.custom("ScheduledBackup")).as("%s has a nightly base backup", name)
                    .anySatisfy(backup -> {
                        assertThat(backup.at("/spec/cluster/name").asString()).isEqualTo(name);
                        assertThat(backup.at("/spec/schedule").asString().split(" ")).hasSize(6);
                    });
        }
        assertThat(archives).containsOnlyKeys("request-db", "volunteer-db", "member-db");

        Rendered restore = Rendered.of("restore");
        for (JsonNode cluster : restore.custom("Cluster")) {
            String name = cluster.at("/metadata/name").asString();
            assertThat(cluster.at("/spec/bootstrap/initdb").isMissingNode()).as("%s is not made empty", name).isTrue();
            String source = cluster.at("/spec/bootstrap/recovery/source").asString();
            JsonNode external = StreamSupport.stream(cluster.at("/spec/externalClusters").spliterator(), false)
                    .filter(candidate -> candidate.path("name").asString().equals(source)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " recovers from " + source + ", which it does not list"));
            JsonNode archive = external.path("barmanObjectStore");
            assertThat(archive.path("destinationPath").asString()).as(name).isEqualTo(archives.get(name).path("destinationPath").asString());
            assertThat(archive.path("serverName").asString()).as("%s reads what production wrote", name).isEqualTo(name);
            assertThat(archive.path("s3Credentials")).isEqualTo(archives.get(name).path("s3Credentials"));
            assertThat(cluster.at("/spec/backup/barmanObjectStore/serverName").asString())
                    .as("%s, restored, archives apart from the archive it came from", name).isNotEqualTo(name);
        }

        for (JsonNode topic : prod.custom("KafkaTopic")) {
            String name = topic.at("/spec/topicName").asString();
            long retention = Long.parseLong(topic.at("/spec/config/retention.ms").asString());
            if (!name.endsWith("-dlt")) {
                assertThat(Duration.ofMillis(retention)).as("%s keeps events no longer than consumers remember them", name)
                        .isLessThanOrEqualTo(Duration.ofDays(14));
            }
        }
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    /** The container's variables: values as set, references as {@code secret:<name>/<key>} or {@code config:…}. */
    private static Map<String, String> environment(Rendered rendered, Container container) {
        Map<String, String> variables = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            variables.putAll(rendered.named(ConfigMap.class, source.getConfigMapRef().getName()).getData());
        }
        for (EnvVar variable : container.getEnv()) {
            var from = variable.getValueFrom();
            String value = from == null ? variable.getValue()
                    : from.getSecretKeyRef() != null
                            ? "secret:" + from.getSecretKeyRef().getName() + "/" + from.getSecretKeyRef().getKey()
                            : rendered.named(ConfigMap.class, from.getConfigMapKeyRef().getName()).getData()
                                    .get(from.getConfigMapKeyRef().getKey());
            assertThat(value).as("%s's value", variable.getName()).isNotNull();
            variables.put(variable.getName(), value);
        }
        return variables;
    }
}
