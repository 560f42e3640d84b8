package community.dispatch.testing;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.events.EventCodec;

/**
 * What an integration test of a service talks to: its HTTP API, the broker (to publish what other
 * services would), the event codec and its database (to look at what it stored), and how long an
 * eventual outcome may take.
 */
public abstract class ServiceTestSupport {

    /** How long an eventual outcome (a consumed event, a fired timer) may take before the test fails. */
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;
    @Autowired
    protected EventCodec codec;
    @Autowired
    protected DatabaseClient database;
}
