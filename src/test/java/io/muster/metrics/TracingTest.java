package io.muster.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.muster.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry tracing, switched on by configuration alone: with the SDK enabled and an OTLP endpoint
 * (here a local HTTP receiver), a GetFindings call is exported as spans. By default tracing is off.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

    static final List<String> EXPORTS = new CopyOnWriteArrayList<>();
    static final HttpServer COLLECTOR = collector();

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + COLLECTOR.getAddress().getPort(),
                    "quarkus.otel.bsp.schedule.delay", "100ms");
        }
    }

    @Test
    void requestsAreExportedAsSpansWhenTracingIsConfigured() {
        Api.getFindings("{\"MaxResults\":1}").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !EXPORTS.isEmpty());
        assertThat(EXPORTS.get(0)).as("OTLP over HTTP").endsWith("/v1/traces");
    }

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if ("POST".equals(exchange.getRequestMethod()) && exchange.getRequestHeaders().getFirst("Content-Type").contains("protobuf")) {
                    EXPORTS.add(exchange.getRequestURI().getPath());
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
