package io.muster.finding;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Json;
import io.muster.testing.Asff;
import io.muster.testing.PackagedMuster;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    @Test
    void everyAcknowledgedFindingAndUpdateSurvivesAKill() throws Exception {
        Path data = Files.createTempDirectory("muster-kill-it");
        String product = Asff.newProductArn();
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        PackagedMuster muster = PackagedMuster.start(PackagedMuster.freePort(), KEY, SECRET, Map.of("MUSTER_DATA_DIR", data.toString()),
                data.resolve("muster.log"));
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            muster.awaitReady();
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
                            HttpResponse<String> response = muster.call("POST", "/findings/import",
                                    Asff.importBody(findings.toArray(com.fasterxml.jackson.databind.node.ObjectNode[]::new)));
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
            muster.kill();
            stop.set(true);
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            stop.set(true);
            clients.shutdownNow();
            if (muster.isAlive()) {
                muster.kill();
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
}
