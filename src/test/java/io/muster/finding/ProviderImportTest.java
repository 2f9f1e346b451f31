package io.muster.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Asff;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The import rules on their own, without a database. */
class ProviderImportTest {

    private final ProviderImport rules = new ProviderImport("us-east-1");
    private final String product = "arn:aws:securityhub:::product/acme/scanner";
    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void aProductArnWithoutRegionTakesMustersRegion() {
        ObjectNode created = rules.create(Asff.finding(product, "f"), now);
        assertThat(created.path("Region").asText()).isEqualTo("us-east-1");
        assertThat(created.path("CompanyName").asText()).isEqualTo("acme");
        assertThat(created.path("ProductName").asText()).isEqualTo("scanner");
        assertThat(created.path("ProcessedAt").asText()).isEqualTo("2026-06-01T00:00:00.000Z");
    }

    @Test
    void providerNamesAreKeptWhenGiven() {
        ObjectNode sent = Asff.finding(product, "f").put("ProductName", "Scanner Pro").put("CompanyName", "ACME Inc.")
                .put("Region", "ap-south-1");
        ObjectNode created = rules.create(sent, now);
        assertThat(created.path("ProductName").asText()).isEqualTo("Scanner Pro");
        assertThat(created.path("Region").asText()).isEqualTo("ap-south-1");
        assertThat(created.path("ProductFields").path("aws/securityhub/ProductName").asText()).isEqualTo("Scanner Pro");
    }

    @Test
    void aProviderSeverityLabelKeepsTheTopLevelProductAndConsistentScore() {
        ObjectNode sent = Asff.finding(product, "f");
        sent.putObject("Severity").put("Label", "LOW").put("Normalized", 20).put("Product", 2.0);
        sent.putObject("FindingProviderFields").<ObjectNode>set("Severity", Json.object().put("Label", "LOW"));
        ObjectNode created = rules.create(sent, now);
        assertThat(created.path("Severity").path("Normalized").intValue()).isEqualTo(20);
        assertThat(created.path("Severity").path("Product").doubleValue()).isEqualTo(2.0);

        sent.putObject("FindingProviderFields").<ObjectNode>set("Severity", Json.object().put("Label", "CRITICAL"));
        ObjectNode relabelled = rules.create(sent, now);
        assertThat(relabelled.path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        assertThat(relabelled.path("Severity").path("Normalized").intValue()).as("re-derived for the new label").isEqualTo(90);
    }

    @Test
    void theIncomingDocumentIsNeverModified() {
        ObjectNode sent = Asff.finding(product, "f");
        ObjectNode copy = sent.deepCopy();
        rules.create(sent, now);
        rules.update(rules.create(sent, now), 0, sent.deepCopy().put("UpdatedAt", "2026-02-01T00:00:00Z"), now);
        assertThat(sent).isEqualTo(copy);
    }

    @Test
    void updatesCompareUpdatedAtAsInstantsWithNanosecondPrecision() {
        ObjectNode a = Asff.finding(product, "f").put("UpdatedAt", "2026-01-01T00:00:00.000000001Z");
        ObjectNode b = Asff.finding(product, "f").put("UpdatedAt", "2026-01-01T00:00:00Z");
        assertThat(ProviderImport.isLater(a, b)).isTrue();
        assertThat(ProviderImport.isLater(b, a)).isFalse();
        assertThat(ProviderImport.isLater(b.deepCopy().put("UpdatedAt", "2026-01-01T01:00:00+01:00"), b)).isFalse();
    }
}
