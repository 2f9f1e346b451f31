package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.Json;
import io.muster.testing.Asff;
import io.muster.testing.SigV4Signing;
import io.muster.testing.WebhookReceiver;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, killed between commit and delivery: events committed while Muster runs without a
 * dispatcher are all delivered by the next process that starts on the same database. Runs after packaging
 * (failsafe, `./mvnw verify`), against {@code target/quarkus-app/quarkus-run.jar} on an embedded database.
 */
class DeliveryAfterRestartIT {

    private static final String KEY = "MKRESTARTIT000000001";
    private static final String SECRET = "restart-it-secret-0123456789";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void eventsCommittedBeforeAKillAreDeliveredAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("muster-restart-it");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Process first = start(port, data, false);
            String product = Asff.newProductArn();
            try {
                awaitReady(base, first);
                String target = Json.readStored(call(base, "POST", "/outbound/targets", "{\"Name\":\"it\",\"Url\":\""
                        + receiver.url("/it") + "\"}")).path("TargetId").asText();
                call(base, "POST", "/outbound/rules", "{\"Name\":\"it\",\"Targets\":[\"" + target + "\"],\"EventPattern\":"
                        + "{\"detail-type\":[\"Security Hub Findings - Imported\"],\"detail\":{\"findings\":{\"ProductArn\":[\"" + product
                        + "\"]}}}}");
                Thread.sleep(2500); // rules are re-read every two seconds; this process made them, so it routes at once anyway
                call(base, "POST", "/findings/import", Asff.importBody(Asff.finding(product, "k1"), Asff.finding(product, "k2"),
                        Asff.finding(product, "k3")));
                assertThat(Json.readStored(call(base, "GET", "/outbound/deliveries?Status=PENDING", "")).path("Deliveries")).hasSize(3);
                // the embedded H2 store writes committed changes to its file within a second (PostgreSQL at commit)
                Thread.sleep(2000);
            } finally {
                first.destroyForcibly().waitFor();
            }
            assertThat(receiver.all()).isEmpty();

            Process second = start(port, data, true);
            try {
                awaitReady(base, second);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/it").size() >= 3);
                List<String> ids = new ArrayList<>();
                receiver.at("/it").forEach(request -> ids.add(Json.readStored(request.body()).path("detail").path("findings").path(0)
                        .path("Id").asText()));
                assertThat(ids).containsExactlyInAnyOrder("k1", "k2", "k3");
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private static Process start(int port, Path data, boolean dispatch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", "target/quarkus-app/quarkus-run.jar");
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MUSTER_DATA_DIR", data.toString());
        env.put("MUSTER_BOOTSTRAP_ACCESS_KEY_ID", KEY);
        env.put("MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY", SECRET);
        env.put("MUSTER_AUTH_RATE_LIMIT", "0");
        env.put("MUSTER_OUTBOUND_DISPATCH", Boolean.toString(dispatch));
        env.put("MUSTER_OUTBOUND_ALLOWED_PRIVATE_TARGETS", "127.0.0.1");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true).redirectOutput(data.resolve(dispatch ? "second.log" : "first.log").toFile());
        return builder.start();
    }

    private void awaitReady(URI base, Process server) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Muster did not become ready");
    }

    private String call(URI base, String method, String path, String body) throws Exception {
        URI uri = base.resolve(path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        SigV4Signing.sign(method, uri, Map.of("Content-Type", "application/json"), method.equals("GET") ? new byte[0] : bytes, KEY, SECRET,
                Instant.now()).headers().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type")) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
        return response.body();
    }
}
