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

class InspectorConverterTest {

    private final InspectorConverter converter = new InspectorConverter();
    private final ConversionContext context = context(null, "eu-west-1");

    @Test
    void formatIsInspector2() {
        assertThat(converter.format()).isEqualTo("inspector2");
    }

    @Test
    void ec2PackageVulnerabilityKeepsPackageCvssAndExploitDetails() {
        ObjectNode finding = validFindings(converter.convert(load("inspector2/list-findings.json"), context)).get(0);

        assertThat(finding.path("Id").asText()).isEqualTo("arn:aws:inspector2:us-west-2:123456789012:finding/4b8e2f1c9a7d6e5f0a1b2c3d4e5f6a7b");
        assertThat(finding.path("ProductArn").asText()).isEqualTo("arn:aws:securityhub:us-west-2::product/aws/inspector");
        assertThat(finding.path("GeneratorId").asText()).isEqualTo("AWSInspector");
        assertThat(finding.path("AwsAccountId").asText()).isEqualTo("123456789012");
        assertThat(finding.path("Region").asText()).isEqualTo("us-west-2");
        assertThat(finding.path("Types").get(0).asText()).isEqualTo("Software and Configuration Checks/Vulnerabilities/CVE");
        assertThat(finding.path("Severity").path("Label").asText()).isEqualTo("HIGH");
        assertThat(finding.path("CreatedAt").asText()).isEqualTo("2024-07-02T06:14:52.181Z");
        assertThat(finding.path("FirstObservedAt").asText()).isEqualTo("2024-07-02T06:14:52.181Z");
        assertThat(finding.path("UpdatedAt").asText()).isEqualTo("2024-09-16T06:02:17.903Z");
        assertThat(finding.path("RecordState").asText()).isEqualTo("ACTIVE");

        JsonNode resource = finding.path("Resources").get(0);
        assertThat(resource.path("Type").asText()).isEqualTo("AwsEc2Instance");
        assertThat(resource.path("Id").asText()).isEqualTo("arn:aws:ec2:us-west-2:123456789012:instance/i-0a7f3b2c1d9e8f456");
        assertThat(resource.path("Tags").path("env").asText()).isEqualTo("prod");

        JsonNode vulnerability = finding.path("Vulnerabilities").get(0);
        assertThat(vulnerability.path("Id").asText()).isEqualTo("CVE-2024-6387");
        JsonNode pkg = vulnerability.path("VulnerablePackages").get(0);
        assertThat(pkg.path("Name").asText()).isEqualTo("openssh-server");
        assertThat(pkg.path("Epoch").asText()).isEqualTo("0");
        assertThat(pkg.path("Architecture").asText()).isEqualTo("X86_64");
        assertThat(pkg.path("FixedInVersion").asText()).isEqualTo("0:8.7p1-8.amzn2023.0.11");
        assertThat(vulnerability.path("Cvss").get(0).path("BaseScore").decimalValue()).isEqualByComparingTo("8.1");
        assertThat(vulnerability.path("Cvss").get(0).path("BaseVector").asText())
                .isEqualTo("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H");
        assertThat(vulnerability.path("Vendor").path("Name").asText()).isEqualTo("NVD");
        assertThat(vulnerability.path("FixAvailable").asText()).isEqualTo("YES");
        assertThat(vulnerability.path("ExploitAvailable").asText()).isEqualTo("YES");
        assertThat(vulnerability.path("EpssScore").decimalValue()).isEqualByComparingTo("0.95234");
        assertThat(finding.path("ProductFields").path("aws/inspector/inspectorScore").asText()).isEqualTo("8.1");
    }

    @Test
    void suppressedEcrImageFindingIsWorkflowSuppressed() {
        ObjectNode finding = validFindings(converter.convert(load("inspector2/list-findings.json"), context)).get(1);

        assertThat(finding.path("Workflow").path("Status").asText()).isEqualTo("SUPPRESSED");
        assertThat(finding.path("RecordState").asText()).isEqualTo("ACTIVE");
        JsonNode resource = finding.path("Resources").get(0);
        assertThat(resource.path("Type").asText()).isEqualTo("AwsEcrContainerImage");
        assertThat(resource.path("Details").path("AwsEcrContainerImage").path("RepositoryName").asText()).isEqualTo("checkout-service");
        assertThat(resource.path("Details").path("AwsEcrContainerImage").path("ImageDigest").asText())
                .isEqualTo("sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d");
        assertThat(finding.path("Vulnerabilities").get(0).path("VulnerablePackages")).hasSize(2);
        assertThat(finding.path("Vulnerabilities").get(0).path("FixAvailable").asText()).isEqualTo("PARTIAL");
    }

    @Test
    void lambdaCodeVulnerabilityKeepsCweAndFilePosition() {
        ObjectNode finding = validFindings(converter.convert(load("inspector2/list-findings.json"), context)).get(2);

        assertThat(finding.path("Types").get(0).asText()).isEqualTo("Software and Configuration Checks/Vulnerabilities/Code");
        assertThat(finding.path("Resources").get(0).path("Type").asText()).isEqualTo("AwsLambdaFunction");
        JsonNode vulnerability = finding.path("Vulnerabilities").get(0);
        assertThat(vulnerability.path("Id").asText()).isEqualTo("python/sql-injection@v1.0");
        JsonNode code = vulnerability.path("CodeVulnerabilities").get(0);
        assertThat(code.path("Cwes").get(0).asText()).isEqualTo("CWE-89");
        assertThat(code.path("FilePath").path("FilePath").asText()).isEqualTo("app/handlers/orders.py");
        assertThat(code.path("FilePath").path("StartLine").intValue()).isEqualTo(46);
    }

    @Test
    void eventBridgeNetworkReachabilityEventIsUnwrappedAndItsTimesRead() {
        List<ObjectNode> findings = validFindings(converter.convert(load("inspector2/eventbridge-network-reachability.json"), context));

        assertThat(findings).hasSize(1);
        ObjectNode finding = findings.get(0);
        assertThat(finding.path("Id").asText()).isEqualTo("arn:aws:inspector2:eu-central-1:123456789012:finding/7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d");
        assertThat(finding.path("Region").asText()).isEqualTo("eu-central-1");
        assertThat(finding.path("Types").get(0).asText())
                .isEqualTo("Software and Configuration Checks/AWS Security Best Practices/Network Reachability");
        assertThat(finding.path("CreatedAt").asText()).isEqualTo("2024-09-05T13:06:56.334Z");
        assertThat(finding.path("Network").path("OpenPortRange").path("Begin").intValue()).isEqualTo(22);
        assertThat(finding.path("Network").path("Protocol").asText()).isEqualTo("TCP");
        assertThat(finding.path("NetworkPath")).hasSize(5);
        assertThat(finding.path("Resources").get(0).path("Details").path("AwsEc2Instance").path("LaunchedAt").asText())
                .isEqualTo("2024-09-04T17:41:24.000Z");
    }

    @Test
    void consoleStyleEventTimesAreReadAsUtc() {
        assertThat(InspectorConverter.time(Json.MAPPER.getNodeFactory().textNode("Mar 20, 2023, 6:08:05 PM")))
                .isEqualTo("2023-03-20T18:08:05.000Z");
        assertThat(InspectorConverter.time(Json.MAPPER.getNodeFactory().numberNode(1725469184L)))
                .isEqualTo("2024-09-04T16:59:44.000Z");
        assertThat(InspectorConverter.time(Json.MAPPER.getNodeFactory().textNode("yesterday"))).isNull();
    }

    @Test
    void closedFindingIsArchivedAndResolved() {
        ObjectNode record = (ObjectNode) load("inspector2/list-findings.json").path("findings").get(0);
        record.put("status", "CLOSED");

        ObjectNode finding = validFindings(converter.convert(record, context)).get(0);

        assertThat(finding.path("RecordState").asText()).isEqualTo("ARCHIVED");
        assertThat(finding.path("Workflow").path("Status").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void untriagedSeverityBecomesInformationalKeepingTheOriginal() {
        ObjectNode record = (ObjectNode) load("inspector2/list-findings.json").path("findings").get(0);
        record.put("severity", "UNTRIAGED");

        ObjectNode finding = validFindings(converter.convert(Json.MAPPER.createArrayNode().add(record), context)).get(0);

        assertThat(finding.path("Severity").path("Label").asText()).isEqualTo("INFORMATIONAL");
        assertThat(finding.path("Severity").path("Original").asText()).isEqualTo("UNTRIAGED");
    }

    @Test
    void convertingTwiceGivesTheSameIds() {
        JsonNode document = load("inspector2/list-findings.json");

        assertThat(ids(converter.convert(document, context))).isEqualTo(ids(converter.convert(document, context)));
    }

    @Test
    void findingWithoutFindingArnIsRefusedNamingTheField() {
        ObjectNode document = (ObjectNode) load("inspector2/list-findings.json");
        ((ObjectNode) document.path("findings").get(1)).remove("findingArn");

        List<Converted> converted = converter.convert(document, context);

        assertThat(converted).hasSize(3);
        assertThat(converted.get(1).isRefused()).isTrue();
        assertThat(converted.get(1).problem()).startsWith("findingArn:");
        assertThat(converted.get(0).isRefused()).isFalse();
    }

    @Test
    void documentsThatAreNotInspectorFindingsAreRejected() {
        assertThatThrownBy(() -> converter.convert(Json.MAPPER.getNodeFactory().numberNode(3), context))
                .isInstanceOf(ApiException.class).hasMessageStartingWith("inspector2:");
        assertThatThrownBy(() -> converter.convert(load("guardduty/eventbridge-dns-sample.json"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("Inspector2 Finding");
        assertThatThrownBy(() -> converter.convert(Json.object().put("Findings", "none"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("not an Inspector finding");
    }
}
