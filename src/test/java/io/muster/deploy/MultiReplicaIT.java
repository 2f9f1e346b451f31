package io.muster.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Asff;
import io.muster.testing.SigV4Signing;
import io.muster.testing.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two Muster processes (the packaged jar) on one PostgreSQL, as two replicas behind a Service: concurrent
 * imports of the same findings to both leave one row per finding holding the newest data; a custom action
 * invoked on each replica reaches the webhook once per event; the score-snapshot job runs on one replica
 * at a time and once per interval between them.
 */
class MultiReplicaIT {

    private static final String DATABASE = "muster_replicas_it";
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final String KEY_ID = "MKREPLICAADMIN000001";
    private static final String SECRET = "replica-admin-secret-0123456789";
    private static final int FINDINGS = 200;
    private static final int WRITERS = 4;

    @Test
    void twoReplicasShareOneDatabaseWithoutDuplicatesOrDoubleWork() throws Exception {
        Assumptions.assumeTrue(postgresAnswers() || Boolean.getBoolean("test.brokers.required"), "no PostgreSQL on 127.0.0.1:5432");
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        Path logs = Files.createTempDirectory("muster-replicas-it");
        int[] ports = {freePort(), freePort()};
        List<Process> replicas = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            replicas.add(start(ports[0], logs.resolve("a.log")));
            awaitReady(ports[0]);
            replicas.add(start(ports[1], logs.resolve("b.log")));
            awaitReady(ports[1]);

            // concurrent imports of the same findings to both replicas, each writer with its own UpdatedAt
            String productArn = Asff.newProductArn();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int w = writer;
                done.add(writers.submit(() -> {
                    for (int batch = 0; batch < FINDINGS / 50; batch++) {
                        ObjectNode[] findings = new ObjectNode[50];
                        for (int i = 0; i < 50; i++) {
                            int n = (batch * 50 + i + w * 17) % FINDINGS;
                            findings[i] = Asff.finding(productArn, "f" + n).put("Title", "written by " + w)
                                    .put("UpdatedAt", "2026-03-0" + (w + 1) + "T00:00:00Z");
                        }
                        api(ports[w % 2]).body(Asff.importBody(findings)).post("/findings/import").then().statusCode(200)
                                .body("FailedCount", org.hamcrest.Matchers.is(0));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            writers.shutdown();
            assertThat(count("SELECT COUNT(*) FROM finding WHERE product_arn = ?", productArn)).as("one row per finding").isEqualTo(FINDINGS);
            assertThat(count("SELECT COUNT(*) FROM finding WHERE product_arn = ? AND title <> ?", productArn, "written by " + (WRITERS - 1)))
                    .as("every finding holds the newest UpdatedAt's data").isZero();

            // a custom action invoked on each replica: every event reaches the webhook once
            String actionArn = api(ports[0]).body("{\"Name\":\"Escalate\",\"Description\":\"To the on-call\",\"Id\":\"escalate\"}")
                    .post("/actionTargets").then().statusCode(200).extract().path("ActionTargetArn");
            String target = api(ports[0]).body("{\"Name\":\"on-call\",\"Url\":\"" + receiver.url("/on-call") + "\"}").post("/outbound/targets")
                    .then().statusCode(200).extract().path("TargetId");
            api(ports[1]).body("{\"Name\":\"escalations\",\"Targets\":[\"" + target + "\"],\"EventPattern\":{\"detail-type\":"
                    + "[\"Security Hub Findings - Custom Action\"]}}").post("/outbound/rules").then().statusCode(200);
            Thread.sleep(4500); // each replica reads the rules anew every two seconds
            Set<String> sent = new HashSet<>();
            for (int replica = 0; replica < 2; replica++) {
                String identifiers = "{\"Id\":\"f" + (2 * replica) + "\",\"ProductArn\":\"" + productArn + "\"},{\"Id\":\"f" + (2 * replica + 1)
                        + "\",\"ProductArn\":\"" + productArn + "\"}";
                List<String> events = api(ports[replica]).body("{\"ActionTargetArn\":\"" + actionArn + "\",\"FindingIdentifiers\":[" + identifiers + "]}")
                        .post("/actionTargets/invoke").then().statusCode(200).extract().path("EventIds");
                sent.addAll(events);
            }
            assertThat(sent).hasSize(4);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/on-call").size() >= 4);
            Thread.sleep(3000); // both dispatchers keep polling: nothing may arrive twice
            List<String> received = receiver.at("/on-call").stream().map(request -> request.headers().get("webhook-id")).toList();
            assertThat(received).as("each event delivered once").hasSize(4).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(count("SELECT COUNT(*) FROM delivery_attempt")).as("one attempt per delivery").isEqualTo(4);

            // the score-snapshot job (every second on both replicas) ran at most once per interval between them
            Instant since = Instant.now();
            long runsBefore = count("SELECT runs FROM job_lock WHERE name = 'score-snapshots'");
            Thread.sleep(6000);
            long runs = count("SELECT runs FROM job_lock WHERE name = 'score-snapshots'") - runsBefore;
            long seconds = Duration.between(since, Instant.now()).toSeconds();
            assertThat(runs).as("runs in %d s with two replicas trying every second (without coordination: about twice as many)", seconds)
                    .isBetween(2L, (long) Math.ceil(seconds / 0.8) + 1);
        } finally {
            for (Process replica : replicas) {
                replica.destroy();
                replica.waitFor();
            }
        }
    }

    private static RequestSpecification api(int port) {
        return given().baseUri("http://127.0.0.1:" + port).filter(new SigV4Signing(KEY_ID, SECRET)).contentType(ContentType.JSON);
    }

    private static Process start(int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-jar", "target/quarkus-app/quarkus-run.jar");
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MUSTER_DB_URL", URL);
        env.put("MUSTER_DB_USERNAME", "postgres");
        env.put("MUSTER_DATA_DIR", log.getParent().toString());
        env.put("MUSTER_BOOTSTRAP_ACCESS_KEY_ID", KEY_ID);
        env.put("MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY", SECRET);
        env.put("MUSTER_AUTH_ENCRYPTION_KEY", "cmVwbGljYXMtaXQta2V5LW5vdC1hLXNlY3JldC0wMTI=");
        env.put("MUSTER_AUTH_RATE_LIMIT", "0");
        env.put("MUSTER_OUTBOUND_ALLOWED_PRIVATE_TARGETS", "127.0.0.1");
        env.put("MUSTER_OUTBOUND_POLL_INTERVAL", "100ms");
        env.put("MUSTER_COMPLIANCE_SNAPSHOT_INTERVAL", "1s");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private static void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", ""); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static boolean postgresAnswers() {
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
