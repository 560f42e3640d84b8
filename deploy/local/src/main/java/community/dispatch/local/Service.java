package community.dispatch.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One of the four services: where its jar is and what it is told through its environment. */
record Service(String name, int port, Map<String, String> variables) {

    /**
     * A domain service: its own database, the broker, and the token issuer, which clients reach
     * through the gateway while services fetch its keys from member-service directly.
     */
    static Service domain(String name, int port, String database, StackSettings settings, String kafka) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "DISPATCH_DB_HOST", "localhost",
                "DISPATCH_DB_PORT", Integer.toString(settings.postgresPort()),
                "DISPATCH_DB_NAME", database,
                "DISPATCH_DB_USER", "postgres",
                "DISPATCH_KAFKA_BOOTSTRAP_SERVERS", kafka,
                "DISPATCH_ISSUER_URI", "http://localhost:" + settings.gatewayPort(),
                "DISPATCH_JWK_SET_URI", "http://localhost:" + settings.memberServicePort() + "/oauth2/jwks"));
        if (name.equals("member-service") || name.equals("volunteer-service")) {
            // member-service loads the demo community; volunteer-service puts its volunteers in their teams.
            variables.put("DISPATCH_DEMO_DATA", Boolean.toString(settings.demoData()));
        }
        if (name.equals("member-service")) {
            // One machine, no SMS provider: codes are kept in the sandbox for an hour, for admins to read.
            variables.put("DISPATCH_SMS_SANDBOX", "true");
            variables.put("DISPATCH_ADMIN_PASSWORD_FILE", settings.adminPasswordFile().toString());
            // Signing keys are stored encrypted with this; it is made once and kept readable by its owner only.
            if (System.getenv("DISPATCH_SIGNING_KEY_SECRET") == null) {
                variables.put("DISPATCH_SIGNING_KEY_SECRET", Host.ownerOnlySecret(settings.dataDir().resolve("signing-key-secret")));
            }
        }
        return new Service(name, port, Map.copyOf(variables));
    }

    /** The gateway: where the services are, and the same issuer and keys the services trust. */
    static Service gateway(StackSettings settings) {
        return new Service("gateway", settings.gatewayPort(), Map.of(
                "DISPATCH_REQUEST_SERVICE_URI", "http://localhost:" + settings.requestServicePort(),
                "DISPATCH_VOLUNTEER_SERVICE_URI", "http://localhost:" + settings.volunteerServicePort(),
                "DISPATCH_MEMBER_SERVICE_URI", "http://localhost:" + settings.memberServicePort(),
                "DISPATCH_ISSUER_URI", "http://localhost:" + settings.gatewayPort(),
                "DISPATCH_JWK_SET_URI", "http://localhost:" + settings.memberServicePort() + "/oauth2/jwks"));
    }

    List<String> command(StackSettings settings) {
        List<String> command = ChildProcess.java(settings.javaOptions());
        command.addAll(List.of("-jar", settings.root().resolve(name).resolve("target").resolve(name + ".jar").toString()));
        return command;
    }

    Map<String, String> environment(StackSettings settings) {
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("SERVER_PORT", Integer.toString(port));
        return environment;
    }
}
