package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.LargeDocuments;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values a converter cannot read — a NUL for a time, a 20-digit number where a small one belongs — refuse
 * the record they are in, with a 200 for the rest, never a 500; the good records of the document are stored.
 */
@QuarkusTest
class HostileRecordsTest {

    @Inject
    TestDatabase db;

    @ParameterizedTest
    @CsvSource({
        "guardduty, createdAt, nul", "guardduty, updatedAt, huge", "guardduty, severity, huge", "guardduty, createdAt, huge",
        "inspector2, firstObservedAt, nul", "inspector2, updatedAt, huge", "inspector2, inspectorScore, huge",
        "ocsf, time, nul", "ocsf, time, huge", "ocsf, severity_id, huge", "ocsf, event_time, nul"})
    void aValueTheConverterCannotReadRefusesItsRecordAlone(String format, String member, String kind) throws Exception {
        String account = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        LargeDocuments.Document document = LargeDocuments.write(format, 3, Set.of(), account, UUID.randomUUID().toString());
        try {
            JsonNode parsed = Json.MAPPER.readTree(Files.readAllBytes(document.file()));
            ArrayNode records = parsed.isArray() ? (ArrayNode) parsed : (ArrayNode) parsed.path("findings");
            ObjectNode hostile = (ObjectNode) records.get(1);
            if (kind.equals("nul")) {
                hostile.put(member, "\u0000");
            } else {
                hostile.put(member, new BigInteger("98765432109876543210"));
            }
            JsonPath answer = Api.request().body(Json.write(parsed)).post("/findings/import/" + format)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getInt("SuccessCount") + answer.getInt("FailedCount")).isEqualTo(3);
            assertThat(answer.getInt("SuccessCount")).isGreaterThanOrEqualTo(2);
            assertThat(db.count("SELECT COUNT(*) FROM finding WHERE aws_account_id = ?", account)).isEqualTo(answer.getInt("SuccessCount"));
            if (answer.getInt("FailedCount") == 1) {
                assertThat(answer.getString("FailedFindings[0].ErrorMessage")).doesNotContain("\u0000");
            }
        } finally {
            Files.deleteIfExists(document.file());
        }
    }
}
