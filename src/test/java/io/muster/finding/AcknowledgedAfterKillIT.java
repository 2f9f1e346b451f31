package io.muster.finding;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Json;
import io.muster.testing.Asff;
import io.muster.testing.SigV4Signing;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A 200 means stored, on the embedded default too: the packaged application on its H2 file, importing from
 * four clients (new findings and newer versions of earlier ones), is killed with SIGKILL mid-stream; opened
 * again, the database holds every finding it acknowledged, each at least at the version acknowledged.
 * Runs after packaging (failsafe, {@code ./mvnw verify}).
 */
class AcknowledgedAfterKillIT {

    private static final String KEY = "MKKILLIT000000000001";
    private static final String SECRET = "kill-it-secret-0123456789";
    private static final int CLIENTS = 4;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyAcknowledgedFindingAndUpdateSurvivesAKill() throws Exception {
        Path data = Files.createTempDirectory("muster-kill-it");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        String product = Asff.newProductArn();
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        Process muster = start(port, data);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            awaitReady(base, muster);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int batch = 0; !stop.get(); batch++) {
                        // half new findings, half a newer version of this client's findings of two batches ago
                        List<com.fasterxml.jackson.databind.node.ObjectNode> findings = new ArrayList<>();
                        Map<String, Integer> versions = new java.util.HashMap<>();
                        for (int i = 0; i < 20; i++) {
                            boolean update = i % 2 == 1 && batch >= 2;
                            String id = "kill-" + client + "-" + (update ? batch - 2 : batch) + "-" + i;
                            int version = update ? 2 : 1;
                            com.fasterxml.jackson.databind.node.ObjectNode finding = Asff.finding(product, id);
                            finding.put("UpdatedAt", "2026-01-0" + version + "T00:00:00Z");
                            findings.add(finding);
                            versions.put(id, version);
                        }
                        try {
                            HttpResponse<String> response = post(base, Asff.importBody(findings.toArray(com.fasterxml.jackson.databind.node.ObjectNode[]::new)));
                            if (response.statusCode() == 200 && Json.readStored(response.body()).path("FailedCount").asInt() == 0) {
                                versions.forEach((id, version) -> acknowledged.merge(id, version, Math::max));
                            }
                        } catch (IOException | InterruptedException killed) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(12_000);
            // SIGKILL: no shutdown hook, no chance to write anything after the last answer
            muster.destroyForcibly().waitFor();
            stop.set(true);
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            stop.set(true);
            clients.shutdownNow();
            if (muster.isAlive()) {
                muster.destroyForcibly().waitFor();
            }
        }
        assertThat(acknowledged).as("findings acknowledged before the kill").hasSizeGreaterThan(200);

        Map<String, Integer> stored = new java.util.HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath() + "/muster;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "muster", "");
                PreparedStatement select = db.prepareStatement("SELECT asff_id, document FROM finding WHERE product_arn = ?")) {
            select.setString(1, product);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String updatedAt = Json.readStored(rows.getString(2)).path("UpdatedAt").asText();
                    stored.put(rows.getString(1), updatedAt.startsWith("2026-01-02") ? 2 : 1);
                }
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> older = new ArrayList<>();
        acknowledged.forEach((id, version) -> {
            Integer kept = stored.get(id);
            if (kept == null) {
                lost.add(id);
            } else if (kept < version) {
                older.add(id);
            }
        });
        System.out.printf("Killed mid-import: %d findings acknowledged (%d of them updated), %d lost, %d back at an older version%n",
                acknowledged.size(), acknowledged.values().stream().filter(v -> v == 2).count(), lost.size(), older.size());
        assertThat(lost).as("acknowledged findings missing after the kill").isEmpty();
        assertThat(older).as("acknowledged updates back at an older version after the kill").isEmpty();
    }

    private static Process start(int port, Path data) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", "target/quarkus-app/quarkus-run.jar");
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MUSTER_DATA_DIR", data.toString());
        env.put("MUSTER_BOOTSTRAP_ACCESS_KEY_ID", KEY);
        env.put("MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY", SECRET);
        env.put("MUSTER_AUTH_RATE_LIMIT", "0");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true).redirectOutput(data.resolve("muster.log").toFile());
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

    private HttpResponse<String> post(URI base, String body) throws IOException, InterruptedException {
        URI uri = base.resolve("/findings/import");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        SigV4Signing.sign("POST", uri, Map.of("Content-Type", "application/json"), bytes, KEY, SECRET, Instant.now()).headers()
                .forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type")) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
