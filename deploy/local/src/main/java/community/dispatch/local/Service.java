package community.dispatch.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One process of the stack's four services: which jar, its name in logs and on the console (the
 * service's, with the instance's number in cluster mode), its port and what it is told through its
 * environment.
 */
record Service(String name, String label, int port, Map<String, String> variables) {

    /**
     * Instance {@code instance} (from 1) of a domain service: its own database, the brokers, and the
     * token issuer, which clients reach through the gateway while services fetch its keys directly
     * (in cluster mode through the first gateway, which reaches whichever member-service instance is up).
     */
    static Service domain(String name, int firstPort, int instance, String database, StackSettings settings) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "DISPATCH_DB_HOST", "localhost",
                "DISPATCH_DB_PORT", Integer.toString(settings.postgresPort()),
                "DISPATCH_DB_NAME", database,
                "DISPATCH_DB_USER", "postgres",
                "DISPATCH_KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers(),
                "DISPATCH_KAFKA_REPLICATION_FACTOR", Integer.toString(settings.brokers()),
                "DISPATCH_ISSUER_URI", "http://localhost:" + settings.gatewayPort(),
                "DISPATCH_JWK_SET_URI", jwkSetUri(settings)));
        if (settings.kafkaSecured()) {
            // The service's own Kafka user: it may do only what its ACLs allow (KafkaUsers.secure).
            variables.put("DISPATCH_KAFKA_USERNAME", name);
            variables.put("DISPATCH_KAFKA_PASSWORD", KafkaUsers.password(settings, name));
        }
        if (name.equals("member-service") || name.equals("volunteer-service")) {
            // member-service loads the demo community; volunteer-service puts its volunteers in their teams.
            variables.put("DISPATCH_DEMO_DATA", Boolean.toString(settings.demoData()));
        }
        if (name.equals("member-service")) {
            // One machine, no SMS or push provider: messages are kept in sandboxes for an hour, for admins to read.
            variables.put("DISPATCH_SMS_SANDBOX", "true");
            variables.put("DISPATCH_PUSH_SANDBOX", "true");
            variables.put("DISPATCH_ADMIN_PASSWORD_FILE", settings.adminPasswordFile().toString());
            // Signing keys are stored encrypted with this; it is made once and kept readable by its owner only.
            if (System.getenv("DISPATCH_SIGNING_KEY_SECRET") == null) {
                variables.put("DISPATCH_SIGNING_KEY_SECRET", Host.ownerOnlySecret(settings.signingKeySecret()));
            }
            edgeSecret(settings, variables);
        }
        return new Service(name, label(name, instance, settings), StackSettings.instancePort(firstPort, instance),
                Map.copyOf(variables));
    }

    /** Gateway {@code instance}: every instance of each service, the same issuer and keys, shared rate limits. */
    static Service gateway(int instance, StackSettings settings) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "DISPATCH_REQUEST_SERVICE_URI", instances(settings.requestServicePort(), settings),
                "DISPATCH_VOLUNTEER_SERVICE_URI", instances(settings.volunteerServicePort(), settings),
                "DISPATCH_MEMBER_SERVICE_URI", instances(settings.memberServicePort(), settings),
                "DISPATCH_ISSUER_URI", "http://localhost:" + settings.gatewayPort(),
                // Its own route to member-service's keys, so it does not depend on another gateway.
                "DISPATCH_JWK_SET_URI", settings.cluster()
                        ? "http://localhost:" + StackSettings.instancePort(settings.gatewayPort(), instance) + "/oauth2/jwks"
                        : jwkSetUri(settings)));
        if (settings.cluster()) {
            variables.put("DISPATCH_REDIS_URI", "redis://localhost:" + settings.redisPort());
        }
        edgeSecret(settings, variables);
        return new Service("gateway", label("gateway", instance, settings),
                StackSettings.instancePort(settings.gatewayPort(), instance), Map.copyOf(variables));
    }

    /**
     * What the gateway seals each client's address with for member-service's sign-in limits: made once, kept
     * readable by its owner only, the same for both.
     */
    private static void edgeSecret(StackSettings settings, Map<String, String> variables) {
        if (System.getenv("DISPATCH_EDGE_SECRET") == null) {
            variables.put("DISPATCH_EDGE_SECRET", Host.ownerOnlySecret(settings.edgeSecret()));
        }
    }

    private static String label(String name, int instance, StackSettings settings) {
        return settings.cluster() ? name + "-" + instance : name;
    }

    private static String instances(int firstPort, StackSettings settings) {
        return IntStream.rangeClosed(1, settings.instances())
                .mapToObj(instance -> "http://localhost:" + StackSettings.instancePort(firstPort, instance))
                .collect(Collectors.joining(","));
    }

    private static String jwkSetUri(StackSettings settings) {
        return settings.cluster() ? "http://localhost:" + settings.gatewayPort() + "/oauth2/jwks"
                : "http://localhost:" + settings.memberServicePort() + "/oauth2/jwks";
    }

    /** Made anew at each start: a restart maps the class archive written since the first ({@link SharedClasses}). */
    List<String> command(StackSettings settings) {
        return new SharedClasses(settings.root(), name).launch(settings.javaOptions());
    }

    Map<String, String> environment(StackSettings settings) {
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("DISPATCH_MANAGEMENT_PORT", Integer.toString(StackSettings.managementPort(port)));
        return environment;
    }
}
