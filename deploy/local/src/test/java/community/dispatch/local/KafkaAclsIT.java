package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import community.dispatch.events.KafkaAccess;
import community.dispatch.events.Topics;

/**
 * A secured broker as cluster mode runs it (one of them here), with the users and ACLs the launcher makes from
 * {@link KafkaAccess}: a client without credentials can neither produce nor consume, a wrong password is refused,
 * each service writes its own topic and not another's (no forged order.completed, no forged registration), and a
 * municipal system writes its own intake topic and nothing else — not another system's, not any topic of ours,
 * and it reads nothing. A system's user is given again at every start from its kept password (so after a restore).
 */
class KafkaAclsIT {

    private static final String CITY = "municipal-city1";
    private static final String OTHER_CITY = "municipal-city2";

    @TempDir
    static Path data;

    private static StackSettings settings;
    private static ChildProcess broker;

    @BeforeAll
    static void aSecuredBrokerWithTheServicesUsersAndACity() throws Exception {
        int kafkaPort = freePair();
        settings = new StackSettings(Path.of(System.getProperty("user.dir")).resolve("../..").normalize(), data, false, false,
                0, kafkaPort, 0, 0, 0, 0, 0, List.of(), Duration.ofSeconds(120), false, true, null, false, null, null);
        // The city was given its user before (--kafka-user): its password is kept, the new broker has never seen it,
        // as after a restore; the launcher gives it again at start.
        Files.writeString(Files.createDirectories(settings.kafkaDir().resolve("users")).resolve(CITY), "city-password-1");
        broker = LocalKafka.start(settings, 1);
        LocalKafka.awaitReady(List.of(broker), settings, Duration.ofSeconds(120));
        KafkaUsers.secure(settings);
        try (Admin admin = LocalKafka.admin(settings)) {
            admin.createTopics(List.of(new NewTopic(Topics.intakeOf(CITY), 1, (short) 1),
                    new NewTopic(Topics.intakeOf(OTHER_CITY), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void withoutCredentialsNothingIsProducedOrConsumed() throws Exception {
        try (KafkaProducer<String, String> anonymous = producer(Map.of())) {
            assertThatThrownBy(() -> anonymous.send(new ProducerRecord<>(Topics.ORDER_EVENTS, "k", "forged")).get(10, TimeUnit.SECONDS))
                    .as("a client that does not sign in is never let in").isInstanceOf(Exception.class);
        }
        String marker = "written-by-request-service-" + UUID.randomUUID();
        try (KafkaProducer<String, String> service = producer(as("request-service"))) {
            service.send(new ProducerRecord<>(Topics.REQUEST_EVENTS, "k", marker)).get(30, TimeUnit.SECONDS);
        }
        assertThat(polled(Map.of(), Topics.REQUEST_EVENTS, marker)).as("nothing read without signing in").doesNotContain(marker);
        try (KafkaConsumer<String, String> wrongPassword = consumer(login("request-service", "not-its-password"), "request-service")) {
            wrongPassword.subscribe(List.of(Topics.REQUEST_EVENTS));
            assertThatThrownBy(() -> wrongPassword.poll(Duration.ofSeconds(10))).isInstanceOf(SaslAuthenticationException.class);
        }
        assertThat(polled(as("volunteer-service"), Topics.REQUEST_EVENTS, marker)).as("a service reads what it consumes").contains(marker);
    }

    @Test
    void eachServiceWritesItsOwnTopicOnly() throws Exception {
        try (KafkaProducer<String, String> request = producer(as("request-service"));
                KafkaProducer<String, String> volunteer = producer(as("volunteer-service"))) {
            request.send(new ProducerRecord<>(Topics.REQUEST_EVENTS, "k", "own")).get(30, TimeUnit.SECONDS);
            assertThat(refusal(request, Topics.ORDER_EVENTS)).as("no forged order.completed").isInstanceOf(AuthorizationException.class);
            assertThat(refusal(volunteer, Topics.MEMBER_EVENTS)).as("no forged municipal-system-registered")
                    .isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aMunicipalSystemWritesItsOwnIntakeTopicAndNothingElse() throws Exception {
        Map<String, Object> city = login(CITY, "city-password-1");
        try (KafkaProducer<String, String> system = producer(city)) {
            system.send(new ProducerRecord<>(Topics.intakeOf(CITY), "ticket-1", "{}")).get(30, TimeUnit.SECONDS);
            assertThat(refusal(system, Topics.intakeOf(OTHER_CITY))).as("not in another system's name")
                    .isInstanceOf(AuthorizationException.class);
            for (String ours : Topics.ALL) {
                assertThat(refusal(system, ours)).as(ours).isInstanceOf(AuthorizationException.class);
            }
        }
        try (KafkaConsumer<String, String> reading = consumer(city, CITY)) {
            reading.subscribe(List.of(Topics.MEMBER_EVENTS));
            assertThatThrownBy(() -> reading.poll(Duration.ofSeconds(10))).isInstanceOf(AuthorizationException.class);
        }
    }

    private static Throwable refusal(KafkaProducer<String, String> producer, String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, "k", "forged")).get(30, TimeUnit.SECONDS);
            return null;
        }
        catch (ExecutionException e) {
            return e.getCause();
        }
        catch (Exception e) {
            return e;
        }
    }

    /** What the consumer reads of the topic within five seconds, or until it reads {@code until}. */
    private static List<String> polled(Map<String, Object> credentials, String topic, String until) {
        try (KafkaConsumer<String, String> consumer = consumer(credentials, "volunteer-service-acl-test-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && !values.contains(until)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    private static Map<String, Object> as(String service) {
        return login(service, KafkaUsers.password(settings, service));
    }

    private static Map<String, Object> login(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM, LocalKafka.SCRAM,
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> credentials) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.putAll(credentials);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> credentials, String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        config.putAll(credentials);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** A free port whose next one is free too: the broker's and its controller's. */
    private static int freePair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            }
            catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two free ports in a row");
    }
}
