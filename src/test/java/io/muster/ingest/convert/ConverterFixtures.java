package io.muster.ingest.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.format.AsffValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** What the converter tests share: fixtures from {@code /formats/…}, a context, and the ASFF check. */
final class ConverterFixtures {

    static final Instant RECEIVED_AT = Instant.parse("2025-01-15T12:00:00Z");
    private static final AsffValidator VALIDATOR = new AsffValidator();

    private ConverterFixtures() {
    }

    static JsonNode load(String path) {
        try (InputStream in = ConverterFixtures.class.getResourceAsStream("/formats/" + path)) {
            assertThat(in).as("fixture /formats/%s", path).isNotNull();
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConversionContext context(String accountId, String region) {
        return new ConversionContext(accountId, region, RECEIVED_AT);
    }

    /** The findings of a conversion, after checking that nothing was refused and every finding is valid ASFF. */
    static List<ObjectNode> validFindings(List<Converted> converted) {
        assertThat(converted).isNotEmpty();
        assertThat(converted).allSatisfy(c -> assertThat(c.problem()).as("refusal of %s", c.sourceId()).isNull());
        List<ObjectNode> findings = converted.stream().map(Converted::finding).toList();
        for (ObjectNode finding : findings) {
            assertThat(VALIDATOR.problems(finding, Json.write(finding).length())).as("ASFF problems of %s", finding.path("Id"))
                    .isEmpty();
        }
        return findings;
    }

    static List<String> ids(List<Converted> converted) {
        return converted.stream().map(c -> c.isRefused() ? "refused:" + c.sourceId() : c.finding().path("Id").asText()).toList();
    }
}
