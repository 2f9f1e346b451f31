package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.LargeDocuments;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents of real size in every format: 10,000 records, three of them broken the way real outputs break
 * (at the start, in the middle, at the end). Through HTTP and through the findings stream, every good record
 * is stored, each broken one is refused alone with its real position in the source, and nothing else is lost.
 */
@QuarkusTest
class LargeDocumentImportTest {

    private static final int RECORDS = 10_000;
    private static final Set<Integer> BROKEN = Set.of(0, 4_567, RECORDS - 1);

    @Inject
    TestDatabase db;

    @Inject
    @Any
    InMemoryConnector connector;

    @ParameterizedTest
    @ValueSource(strings = {"asff", "asff-ndjson", "ocsf", "guardduty", "inspector2", "trivy", "sarif", "eventbridge"})
    void tenThousandRecordsOverHttpAreStoredAndTheBrokenOnesRefusedAlone(String format) throws Exception {
        String account = newAccount();
        LargeDocuments.Document document = LargeDocuments.write(format, RECORDS, BROKEN, account, UUID.randomUUID().toString());
        try {
            JsonPath answer = Api.request().body(Files.readAllBytes(document.file()))
                    .post("/findings/import/" + path(format) + (LargeDocuments.namesItsAccount(format) ? "" : "?AwsAccountId=" + account))
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getInt("SuccessCount")).isEqualTo(RECORDS - BROKEN.size());
            assertThat(answer.getInt("FailedCount")).isEqualTo(BROKEN.size());
            assertThat(answer.getList("FailedFindings.ErrorMessage", String.class)).hasSize(BROKEN.size());
            assertThat(stored(account)).isEqualTo(RECORDS - BROKEN.size());
            assertRealPositions(format, answer.getList("FailedFindings.ErrorMessage", String.class));
        } finally {
            Files.deleteIfExists(document.file());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asff", "asff-ndjson", "ocsf", "guardduty", "inspector2", "trivy", "sarif", "eventbridge"})
    void tenThousandRecordsInOneStreamMessageAreStoredAndTheBrokenOnesDeadLettered(String format) throws Exception {
        String account = newAccount();
        LargeDocuments.Document document = LargeDocuments.write(format, RECORDS, BROKEN, account, UUID.randomUUID().toString());
        try {
            var deadLetters = connector.sink(FindingStream.DEAD_LETTER_CHANNEL);
            deadLetters.clear();
            Map<String, String> headers = new java.util.HashMap<>();
            headers.put(StreamHeaders.CONTENT_TYPE, "application/vnd.muster." + path(format) + "+json");
            if (!LargeDocuments.namesItsAccount(format)) {
                headers.put(StreamHeaders.ACCOUNT, account);
            }
            java.util.concurrent.atomic.AtomicBoolean acked = new java.util.concurrent.atomic.AtomicBoolean();
            Message<byte[]> message = Message.of(Files.readAllBytes(document.file())).addMetadata(new StreamHeaders(headers))
                    .withAck(() -> {
                        acked.set(true);
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    });
            connector.source(FindingStream.CHANNEL).send(message);
            await().atMost(Duration.ofMinutes(3)).untilTrue(acked);
            assertThat(stored(account)).isEqualTo(RECORDS - BROKEN.size());
            JsonNode envelope = Json.readStored((String) deadLetters.received().get(0).getPayload());
            assertThat(envelope.path("Reason").asText()).startsWith(BROKEN.size() + " of " + RECORDS + " findings were refused");
            assertThat(envelope.path("FailedFindings")).hasSize(BROKEN.size());
        } finally {
            Files.deleteIfExists(document.file());
        }
    }

    @org.junit.jupiter.api.Test
    void refusedRecordsBeyondTheReportLimitAreCountedNotListed() throws Exception {
        String account = newAccount();
        Set<Integer> broken = new java.util.HashSet<>();
        for (int i = 0; i < 1_500; i++) {
            broken.add(i * 2);
        }
        LargeDocuments.Document document = LargeDocuments.write("ocsf", 3_000, broken, account, UUID.randomUUID().toString());
        try {
            JsonPath answer = Api.request().body(Files.readAllBytes(document.file())).post("/findings/import/ocsf")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getInt("SuccessCount")).isEqualTo(1_500);
            assertThat(answer.getInt("FailedCount")).isEqualTo(1_500);
            assertThat(answer.getList("FailedFindings")).hasSize(1_000);
            assertThat(answer.getInt("FailedFindingsOmitted")).isEqualTo(500);
            assertThat(stored(account)).isEqualTo(1_500);
        } finally {
            Files.deleteIfExists(document.file());
        }
    }

    /** Converter refusals name the record's place in the source, not its place in the piece it was read in. */
    private static void assertRealPositions(String format, List<String> messages) {
        String middle = switch (format) {
            case "ocsf", "guardduty" -> "[4567]";
            case "inspector2" -> "findings[4567]";
            case "trivy" -> "Results[0].Vulnerabilities[4567]";
            case "sarif" -> "runs[0].results[4567]";
            default -> null; // ASFF refusals come from the validator and name the finding by its Id
        };
        if (middle != null) {
            assertThat(messages).anyMatch(message -> message.contains(middle));
        }
    }

    private long stored(String account) {
        return db.count("SELECT COUNT(*) FROM finding WHERE aws_account_id = ?", account);
    }

    private static String path(String format) {
        return format.equals("asff-ndjson") ? "asff" : format;
    }

    private static String newAccount() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }
}
