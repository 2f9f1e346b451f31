package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.muster.api.Json;
import io.muster.testing.Asff;
import io.muster.testing.PackagedMuster;
import io.muster.testing.WebhookReceiver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void eventsCommittedBeforeAKillAreDeliveredAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("muster-restart-it");
        int port = PackagedMuster.freePort();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            PackagedMuster first = start(port, data, false);
            String product = Asff.newProductArn();
            try {
                first.awaitReady();
                String target = Json.readStored(call(first, "POST", "/outbound/targets", "{\"Name\":\"it\",\"Url\":\""
                        + receiver.url("/it") + "\"}")).path("TargetId").asText();
                call(first, "POST", "/outbound/rules", "{\"Name\":\"it\",\"Targets\":[\"" + target + "\"],\"EventPattern\":"
                        + "{\"detail-type\":[\"Security Hub Findings - Imported\"],\"detail\":{\"findings\":{\"ProductArn\":[\"" + product
                        + "\"]}}}}");
                Thread.sleep(2500); // rules are re-read every two seconds; this process made them, so it routes at once anyway
                call(first, "POST", "/findings/import", Asff.importBody(Asff.finding(product, "k1"), Asff.finding(product, "k2"),
                        Asff.finding(product, "k3")));
                assertThat(Json.readStored(call(first, "GET", "/outbound/deliveries?Status=PENDING", "")).path("Deliveries")).hasSize(3);
                // killed right after the answer: the embedded H2 store has every commit on file before it answers (WRITE_DELAY=0)
            } finally {
                first.kill();
            }
            assertThat(receiver.all()).isEmpty();

            PackagedMuster second = start(port, data, true);
            try {
                second.awaitReady();
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/it").size() >= 3);
                List<String> ids = new ArrayList<>();
                receiver.at("/it").forEach(request -> ids.add(Json.readStored(request.body()).path("detail").path("findings").path(0)
                        .path("Id").asText()));
                assertThat(ids).containsExactlyInAnyOrder("k1", "k2", "k3");
            } finally {
                second.stop();
            }
        }
    }

    private static PackagedMuster start(int port, Path data, boolean dispatch) throws IOException {
        return PackagedMuster.start(port, KEY, SECRET, Map.of("MUSTER_DATA_DIR", data.toString(), "MUSTER_OUTBOUND_DISPATCH",
                Boolean.toString(dispatch), "MUSTER_OUTBOUND_ALLOWED_PRIVATE_TARGETS", "127.0.0.1"),
                data.resolve(dispatch ? "second.log" : "first.log"));
    }

    private static String call(PackagedMuster muster, String method, String path, String body) throws Exception {
        HttpResponse<String> response = muster.call(method, path, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
        return response.body();
    }
}
