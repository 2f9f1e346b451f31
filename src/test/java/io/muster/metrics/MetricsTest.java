package io.muster.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Muster's meters at /q/metrics (Prometheus text, no credentials, as scrapers expect): findings imported and
 * rejected by product, import and GetFindings latency, delivery attempts by target, the outbox backlog and
 * its age, and the score of each enabled standard — present, and moving after an import, a query and a
 * delivery.
 */
@QuarkusTest
class MetricsTest {

    @Test
    void musterMetersExistAndMoveAfterAnImportAQueryAndADelivery() throws Exception {
        String productArn = Asff.newProductArn();
        String product = productArn.replaceFirst(".*:product/", "");
        double imports = value(scrape(), "muster_import_duration_seconds_count", "");
        double queries = value(scrape(), "muster_getfindings_duration_seconds_count", "");

        ObjectNode invalid = Asff.finding(productArn, "no-title");
        invalid.remove("Title");
        Api.post("/findings/import", Asff.importBody(Asff.finding(productArn, "a"), Asff.finding(productArn, "b"), invalid)).statusCode(200);
        Api.getFindings("{\"MaxResults\":1}").then().statusCode(200);

        String afterImport = scrape();
        assertThat(value(afterImport, "muster_findings_imported_total", "product=\"" + product + "\"")).isEqualTo(2.0);
        assertThat(value(afterImport, "muster_findings_rejected_total", "product=\"" + product + "\",reason=\"InvalidInput\"")).isEqualTo(1.0);
        assertThat(value(afterImport, "muster_import_duration_seconds_count", "")).isGreaterThan(imports);
        assertThat(value(afterImport, "muster_getfindings_duration_seconds_count", "")).isGreaterThan(queries);
        assertThat(afterImport).contains("muster_outbox_backlog").contains("muster_outbox_oldest_age_seconds")
                .containsPattern("muster_score\\{standard=\"CIS AWS Foundations Benchmark v1.2.0\"");

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String name = "metrics " + UUID.randomUUID().toString().substring(0, 8);
            String target = Api.post("/outbound/targets", "{\"Name\":\"" + name + "\",\"Url\":\"" + receiver.url("/metrics") + "\"}")
                    .statusCode(200).extract().path("TargetId");
            try {
                Api.post("/outbound/targets/" + target + "/test", "").statusCode(200);
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        value(scrape(), "muster_delivery_attempts_total", "outcome=\"delivered\",target=\"" + name + "\"") == 1.0);
            } finally {
                Api.request().delete("/outbound/targets/" + target).then().statusCode(200);
            }
        }
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** A sample's value (summed over the series whose labels contain {@code labels}); 0 when absent. */
    private static double value(String metrics, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$").matcher(metrics);
        double sum = 0;
        while (sample.find()) {
            if (sample.group(1) == null ? labels.isEmpty() : sample.group(1).contains(labels)) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }
}
