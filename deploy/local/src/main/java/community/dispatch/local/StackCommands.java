package community.dispatch.local;

import community.dispatch.events.KafkaAccess;

/**
 * What the launcher does beside a running stack instead of starting one: give a municipal system its Kafka user
 * ({@code --cluster --kafka-user}) and take a backup ({@code --backup}). Each answers the process's exit code.
 */
final class StackCommands {

    private StackCommands() {
    }

    /** Gives a municipal system its Kafka user on the running cluster (write its intake topic only); 0 when done. */
    static int grantKafkaUser(StackSettings settings) {
        String clientId = settings.kafkaUser();
        try (var admin = LocalKafka.admin(settings)) {
            KafkaAccess access = KafkaAccess.municipalSystem(clientId);
            String password = KafkaUsers.password(settings, clientId);
            KafkaUsers.grant(admin, access, password);
            System.out.printf("""
                    Kafka user %s may write %s and nothing else (SASL_PLAINTEXT, SCRAM-SHA-512, bootstrap %s).
                    Password (kept in %s): %s
                    %n""", clientId, access.writes().get(0), settings.kafkaBootstrapServers(),
                    settings.kafkaDir().resolve("users").resolve(clientId), password);
            return 0;
        }
        catch (RuntimeException e) {
            System.err.println("run.sh: could not give " + clientId + " a Kafka user (is the cluster running?): " + e.getMessage());
            return 1;
        }
    }

    /** Takes a backup of the running stack ({@link Backup}); 0 when written. */
    static int backUp(StackSettings settings) {
        try {
            Backup.take(settings);
            return 0;
        }
        catch (RuntimeException e) {
            System.err.println("run.sh: " + e.getMessage());
            return 1;
        }
    }
}
