package community.dispatch.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Gives the tests' WebTestClient a new connection for every request. With pooled keep-alive connections
 * to the server in the same JVM, a request now and then was never answered (member-service's ITs, about
 * one run in five); with a connection per request it did not happen in ten runs in a row.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshConnections {

    @Bean
    WebTestClientBuilderCustomizer freshConnectionPerRequest() {
        return builder -> builder.clientConnector(
                new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())));
    }
}
