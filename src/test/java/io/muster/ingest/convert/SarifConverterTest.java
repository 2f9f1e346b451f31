package io.muster.ingest.convert;

import static io.muster.ingest.convert.ConverterFixtures.context;
import static io.muster.ingest.convert.ConverterFixtures.ids;
import static io.muster.ingest.convert.ConverterFixtures.load;
import static io.muster.ingest.convert.ConverterFixtures.validFindings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifConverterTest {

    private static final String CUSTOM_PRODUCT = "arn:aws:securityhub:eu-west-2:210987654321:product/210987654321/default";
    private final SarifConverter converter = new SarifConverter();
    private final ConversionContext context = context("210987654321", "eu-west-2");

    @Test
    void formatIsSarif() {
        assertThat(converter.format()).isEqualTo("sarif");
    }

    @Test
    void codeqlResultFindsItsRuleInThePackExtensionAndUsesSecuritySeverity() {
        List<ObjectNode> findings = validFindings(converter.convert(load("sarif/codeql-javascript.sarif"), context));

        assertThat(findings).hasSize(3);
        ObjectNode finding = findings.get(0);
        assertThat(finding.path("Id").asText()).isEqualTo("sarif/codeql/https://github.com/acme/shop-api/js/sql-injection/a8c3f1d2e4b5c6d7:1");
        assertThat(finding.path("ProductArn").asText()).isEqualTo(CUSTOM_PRODUCT);
        assertThat(finding.path("GeneratorId").asText()).isEqualTo("CodeQL/js/sql-injection");
        assertThat(finding.path("AwsAccountId").asText()).isEqualTo("210987654321");
        assertThat(finding.path("Region").asText()).isEqualTo("eu-west-2");
        assertThat(finding.path("Types").get(0).asText()).isEqualTo("Software and Configuration Checks/Vulnerabilities/Code");
        assertThat(finding.path("Severity").path("Label").asText()).isEqualTo("HIGH");
        assertThat(finding.path("Severity").path("Original").asText()).isEqualTo("8.8");
        assertThat(finding.path("Title").asText()).isEqualTo("Database query built from user-controlled sources");
        assertThat(finding.path("Description").asText()).isEqualTo("This query string depends on a [user-provided value](1).");
        assertThat(finding.path("CreatedAt").asText()).isEqualTo("2024-10-08T07:44:55.918Z");
        assertThat(finding.path("UpdatedAt").asText()).isEqualTo("2024-10-08T07:44:55.918Z");
        assertThat(finding.path("RecordState").asText()).isEqualTo("ACTIVE");

        JsonNode resource = finding.path("Resources").get(0);
        assertThat(resource.path("Type").asText()).isEqualTo("Other");
        assertThat(resource.path("Id").asText()).isEqualTo("https://github.com/acme/shop-api/src/routes/orders.js");
        assertThat(resource.path("Details").path("Other").path("uri").asText()).isEqualTo("src/routes/orders.js");
        assertThat(resource.path("Details").path("Other").path("startLine").asText()).isEqualTo("42");
        assertThat(findings.get(1).path("Severity").path("Label").asText()).isEqualTo("MEDIUM");
    }

    @Test
    void qualityRuleFallsBackToItsLevelAndAbsentResultIsArchived() {
        ObjectNode unused = validFindings(converter.convert(load("sarif/codeql-javascript.sarif"), context)).get(2);

        assertThat(unused.path("Types").get(0).asText()).isEqualTo("Software and Configuration Checks");
        assertThat(unused.path("Severity").path("Label").asText()).isEqualTo("LOW");
        assertThat(unused.path("Severity").path("Original").asText()).isEqualTo("note");
        assertThat(unused.path("RecordState").asText()).isEqualTo("ARCHIVED");
    }

    @Test
    void semgrepResultUsesItsFingerprintHelpUriAndTheArrivalTime() {
        List<ObjectNode> findings = validFindings(converter.convert(load("sarif/semgrep.sarif"), context));

        assertThat(findings).hasSize(2);
        ObjectNode finding = findings.get(0);
        assertThat(finding.path("Id").asText()).isEqualTo("sarif/semgrep-oss/local/"
                + "python.lang.security.audit.formatted-sql-query.formatted-sql-query/"
                + "7c2a9e4d1b8f3a6c0e5d2b9f8a1c4e7d3b6a0f9e2d5c8b1a4f7e0d3c6b9a2f5e8d1c4b7a0f3e6d9c2b5a8f1e4d7c0b3a6");
        assertThat(finding.path("GeneratorId").asText())
                .isEqualTo("Semgrep OSS/python.lang.security.audit.formatted-sql-query.formatted-sql-query");
        assertThat(finding.path("Severity").path("Label").asText()).isEqualTo("HIGH");
        assertThat(finding.path("Remediation").path("Recommendation").path("Url").asText())
                .isEqualTo("https://semgrep.dev/r/python.lang.security.audit.formatted-sql-query.formatted-sql-query");
        assertThat(finding.path("Resources").get(0).path("Id").asText()).isEqualTo("Semgrep OSS/billing/db.py");
        assertThat(finding.path("CreatedAt").asText()).isEqualTo("2025-01-15T12:00:00.000Z");
        assertThat(finding.has("Workflow")).isFalse();
    }

    @Test
    void inSourceSuppressionMakesTheFindingSuppressed() {
        ObjectNode suppressed = validFindings(converter.convert(load("sarif/semgrep.sarif"), context)).get(1);

        assertThat(suppressed.path("Workflow").path("Status").asText()).isEqualTo("SUPPRESSED");
        assertThat(suppressed.path("Severity").path("Label").asText()).isEqualTo("MEDIUM");
    }

    @Test
    void resultWithoutFingerprintIsIdentifiedByItsLocation() {
        ObjectNode log = (ObjectNode) load("sarif/codeql-javascript.sarif");
        ((ObjectNode) log.path("runs").get(0).path("results").get(1)).remove("partialFingerprints");

        ObjectNode finding = validFindings(converter.convert(log, context)).get(1);

        assertThat(finding.path("Id").asText()).isEqualTo("sarif/codeql/https://github.com/acme/shop-api/js/reflected-xss/src/routes/search.js:17");
    }

    @Test
    void securitySeverityBandsFollowCvss() {
        ObjectNode log = (ObjectNode) load("sarif/codeql-javascript.sarif");
        ObjectNode properties = (ObjectNode) log.path("runs").get(0).path("tool").path("extensions").get(0).path("rules").get(0)
                .path("properties");

        properties.put("security-severity", "9.8");
        assertThat(converter.convert(log, context).get(0).finding().path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        properties.put("security-severity", "2.0");
        assertThat(converter.convert(log, context).get(0).finding().path("Severity").path("Label").asText()).isEqualTo("LOW");
        properties.put("security-severity", "0.0");
        assertThat(converter.convert(log, context).get(0).finding().path("Severity").path("Label").asText()).isEqualTo("INFORMATIONAL");
    }

    @Test
    void convertingTwiceGivesTheSameIds() {
        JsonNode log = load("sarif/codeql-javascript.sarif");

        assertThat(ids(converter.convert(log, context))).isEqualTo(ids(converter.convert(log, context)));
    }

    @Test
    void withoutAnAccountEveryResultIsRefusedAskingForAwsAccountId() {
        List<Converted> converted = converter.convert(load("sarif/semgrep.sarif"), context(null, "eu-west-2"));

        assertThat(converted).hasSize(2).allSatisfy(c -> {
            assertThat(c.isRefused()).isTrue();
            assertThat(c.problem()).startsWith("AwsAccountId:").contains("?AwsAccountId=");
        });
    }

    @Test
    void resultWithoutRuleIdIsRefusedNamingTheField() {
        ObjectNode log = (ObjectNode) load("sarif/semgrep.sarif");
        ((ObjectNode) log.path("runs").get(0).path("results").get(0)).remove("ruleId");

        List<Converted> converted = converter.convert(log, context);

        assertThat(converted.get(0).isRefused()).isTrue();
        assertThat(converted.get(0).problem()).startsWith("runs[0].results[0].ruleId:");
        assertThat(converted.get(1).isRefused()).isFalse();
    }

    @Test
    void documentsThatAreNotSarifLogsAreRejected() {
        assertThatThrownBy(() -> converter.convert(Json.MAPPER.getNodeFactory().textNode("sarif"), context))
                .isInstanceOf(ApiException.class).hasMessageStartingWith("sarif:");
        assertThatThrownBy(() -> converter.convert(load("trivy/fs-misconfig.json"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("not a SARIF log");
        assertThatThrownBy(() -> converter.convert(Json.object().put("version", "1.0.0").set("runs", Json.MAPPER.createArrayNode()), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("version 1.0.0");
    }
}
