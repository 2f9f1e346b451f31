package io.muster.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.priority.PriorityFormula;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention: findings not updated for the period are archived through the write path (with a history
 * record) or deleted with everything stored about them, two per transaction (the test profile's batch size);
 * findings updated within the period are not touched. The runs are dated in 2001–2002 so that no other
 * test's findings are old enough to be affected.
 */
@QuarkusTest
class RetentionTest {

    private static final Duration HALF_A_YEAR = Duration.ofDays(180);

    @Inject
    Retention retention;

    @Inject
    TestDatabase db;

    private String product;
    private String account;

    @BeforeEach
    void freshProductAndAccount() {
        product = Asff.newProductArn();
        account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    @Test
    void findingsNotUpdatedForThePeriodAreArchivedWithAHistoryRecordAndRecentOnesAreUntouched() {
        Api.importFindings(Asff.importBody(dated("old-1", "2001-01-10T00:00:00Z"), dated("old-2", "2001-02-10T00:00:00Z"),
                dated("old-3", "2001-03-10T00:00:00Z"), dated("recent", "2001-12-01T00:00:00Z"))).statusCode(200);
        long recentHistory = db.historyRows(product);

        Retention.Outcome outcome = retention.run(Instant.parse("2002-01-01T00:00:00Z"), HALF_A_YEAR, RetentionConfig.Action.ARCHIVE);

        assertThat(outcome.archived()).as("three findings, in batches of two").isEqualTo(3);
        assertThat(outcome.deleted()).isZero();
        for (String id : List.of("old-1", "old-2", "old-3")) {
            assertThat(db.document(product, id).path("RecordState").asText()).isEqualTo("ARCHIVED");
            assertThat(db.document(product, id).path("UpdatedAt").asText()).as("the provider's field is kept").startsWith("2001-0");
        }
        assertThat(db.document(product, "recent").path("RecordState").asText()).isEqualTo("ACTIVE");
        var history = Api.post("/findingHistory/get", "{\"FindingIdentifier\":{\"Id\":\"old-1\",\"ProductArn\":\"" + product + "\"}}")
                .statusCode(200).extract().jsonPath();
        assertThat(history.getString("Records[-1].UpdateSource.Identity")).isEqualTo(Retention.IDENTITY);
        assertThat(history.getString("Records[-1].Updates[0].UpdatedField")).isEqualTo("RecordState");
        assertThat(history.getString("Records[-1].Updates[0].NewValue")).isEqualTo("ARCHIVED");
        assertThat(db.historyRows(product)).as("one history record per archived finding").isEqualTo(recentHistory + 3);

        assertThat(retention.run(Instant.parse("2002-01-01T00:00:00Z"), HALF_A_YEAR, RetentionConfig.Action.ARCHIVE).archived())
                .as("a second run finds nothing left to do").isZero();
    }

    @Test
    void withDeleteOldFindingsGoWithTheirHistoryValuesAndLinksAndTheirGroupsAreSettled() {
        String resource = "arn:aws:s3:::retention-" + UUID.randomUUID();
        ObjectNode ancient = onResource(dated("ancient", "2000-01-10T00:00:00Z"), resource);
        String partnerProduct = Asff.newProductArn();
        ObjectNode partner = onResource(Asff.finding(partnerProduct, "partner").put("AwsAccountId", account).put("CreatedAt", "2000-12-01T00:00:00Z")
                .put("UpdatedAt", "2000-12-01T00:00:00Z"),
                resource);
        Api.importFindings(Asff.importBody(ancient, dated("ancient-2", "2000-02-10T00:00:00Z"), dated("ancient-3", "2000-03-10T00:00:00Z"),
                dated("kept", "2000-12-15T00:00:00Z"))).statusCode(200);
        Api.importFindings(Asff.importBody(partner)).statusCode(200);
        assertThat(agreement(partnerProduct, "partner")).as("two detectors agree before").isPositive();
        List<Object> ids = db.rows("SELECT id FROM finding WHERE product_arn = ? AND asff_id LIKE 'ancient%'", product).stream()
                .map(row -> row.get(0)).toList();
        assertThat(ids).hasSize(3);

        Retention.Outcome outcome = retention.run(Instant.parse("2001-01-01T00:00:00Z"), HALF_A_YEAR, RetentionConfig.Action.DELETE);

        assertThat(outcome.archived()).isEqualTo(3);
        assertThat(outcome.deleted()).isEqualTo(3);
        assertThat(db.rows("SELECT asff_id FROM finding WHERE product_arn = ?", product)).extracting(row -> row.get(0)).containsExactly("kept");
        for (String table : List.of("finding_value", "finding_history", "finding_control", "finding_entity")) {
            assertThat(db.rows("SELECT COUNT(*) FROM " + table + " WHERE finding_id IN (?, ?, ?)", ids.toArray()).get(0).get(0))
                    .as("rows of the deleted findings in " + table).isEqualTo(0L);
        }
        assertThat(Api.getFindings("{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}],"
                + "\"RecordState\":[{\"Value\":\"ARCHIVED\",\"Comparison\":\"EQUALS\"}]}}").then().statusCode(200).extract().jsonPath()
                .getList("Findings")).isEmpty();
        assertThat(agreement(partnerProduct, "partner")).as("its duplicate is gone: no detector agrees now").isZero();
        assertThat(db.document(product, "kept").path("RecordState").asText()).isEqualTo("ACTIVE");
    }

    private ObjectNode dated(String id, String updatedAt) {
        ObjectNode finding = Asff.finding(product, id).put("AwsAccountId", account).put("CreatedAt", updatedAt).put("UpdatedAt", updatedAt);
        finding.putObject("Severity").put("Label", "HIGH");
        return finding;
    }

    private static ObjectNode onResource(ObjectNode finding, String resource) {
        finding.putObject("Severity").put("Label", "HIGH");
        ((ObjectNode) finding.get("Resources").get(0)).put("Type", "AwsS3Bucket").put("Id", resource);
        return finding;
    }

    private int agreement(String productArn, String id) {
        List<List<Object>> row = db.rows("SELECT priority, document FROM finding WHERE product_arn = ? AND asff_id = ?", productArn, id);
        return ((Number) row.get(0).get(0)).intValue() - PriorityFormula.priority(Json.readStored((String) row.get(0).get(1)));
    }
}
