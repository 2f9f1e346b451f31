package io.muster.finding;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static io.muster.testing.Asff.newProductArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.outbound.Outbox;
import io.muster.outbound.OutboundEvent;
import io.muster.testing.Api;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A finding, its history and its event are written together or not at all. */
@QuarkusTest
class OneWritePathTest {

    @Inject
    TestDatabase db;

    @Test
    void everyChangeWritesTheFindingItsHistoryAndItsEventTogether() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "a"), finding(product, "b"))).statusCode(200);
        assertThat(db.findings(product)).isEqualTo(2);
        assertThat(db.historyRows(product)).isEqualTo(2);
        assertThat(db.events(product)).isEqualTo(2);

        JsonNode event = io.muster.api.Json.readStored((String) db.rows(
                "SELECT payload FROM outbox_event WHERE payload LIKE ?", "%\"resources\":[\"" + product + "/a\"%").get(0).get(0));
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("detail-type").asText()).isEqualTo("Security Hub Findings - Imported");
        assertThat(event.path("source").asText()).isEqualTo("aws.securityhub");
        assertThat(event.path("account").asText()).isEqualTo("123456789012");
        assertThat(event.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(event.path("detail").path("findings").get(0).path("Id").asText()).isEqualTo("a");
        String changeId = (String) db.rows("SELECT h.change_id FROM finding_history h JOIN finding f ON f.id = h.finding_id "
                + "WHERE f.product_arn = ? AND f.asff_id = 'a'", product).get(0).get(0);
        assertThat(event.path("id").asText()).as("history and event share the change id").isEqualTo(changeId);
    }

    @Test
    void whenTheOutboxFailsNothingOfTheBatchIsStored() {
        QuarkusMock.installMockForType(new FailingOutbox(), Outbox.class);
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "a"), finding(product, "b")))
                .statusCode(500)
                .header("x-amzn-ErrorType", "InternalException")
                .body("Message", equalTo("Internal service failure; the cause is in Muster's log"));
        assertThat(db.findings(product)).isZero();
        assertThat(db.historyRows(product)).isZero();
        assertThat(db.events(product)).isZero();
    }

    @Test
    void aFailedUpdateLeavesTheStoredFindingAsItWas() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "a"))).statusCode(200);
        JsonNode before = db.document(product, "a");

        QuarkusMock.installMockForType(new FailingOutbox(), Outbox.class);
        Api.importFindings(importBody(finding(product, "a").put("UpdatedAt", "2026-03-01T00:00:00Z").put("Title", "new")))
                .statusCode(500);
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[{\"ProductArn\":\"" + product + "\",\"Id\":\"a\"}],"
                + "\"Workflow\":{\"Status\":\"RESOLVED\"}}").statusCode(500);

        assertThat(db.document(product, "a")).isEqualTo(before);
        assertThat(db.historyRows(product)).isEqualTo(1);
        assertThat(db.events(product)).isEqualTo(1);
    }

    /** An outbox whose database write fails, as a full disk or a lost connection would make it. */
    static class FailingOutbox extends Outbox {
        @Override
        public void append(Connection connection, List<OutboundEvent> events) throws SQLException {
            throw new SQLException("simulated outbox failure", "08006");
        }
    }
}
