package community.dispatch.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The real servers of one test JVM, started on first use: containers when a Docker daemon answers,
 * embedded servers otherwise. Both are the real PostgreSQL and the real Kafka.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private static final boolean DOCKER = dockerAnswers();

    private Infrastructure() {
    }

    public static PostgresServer postgres() {
        return PostgresHolder.SERVER;
    }

    public static KafkaServer kafka() {
        return KafkaHolder.SERVER;
    }

    private static boolean dockerAnswers() {
        if (Boolean.getBoolean("dispatch.testing.embedded")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    private static final class PostgresHolder {
        static final PostgresServer SERVER = startPostgres();

        private static PostgresServer startPostgres() {
            long started = System.nanoTime();
            PostgresServer server = DOCKER ? ContainerPostgres.start() : EmbeddedPostgres.start();
            log.info("PostgreSQL ({}) on port {} in {} ms", DOCKER ? "container" : "embedded", server.port(),
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        }
    }

    private static final class KafkaHolder {
        static final KafkaServer SERVER = startKafka();

        private static KafkaServer startKafka() {
            long started = System.nanoTime();
            KafkaServer server = DOCKER ? ContainerKafka.start() : EmbeddedKafka.start();
            log.info("Kafka ({}) at {} in {} ms", DOCKER ? "container" : "embedded", server.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        }
    }
}
