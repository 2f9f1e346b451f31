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

class GuardDutyConverterTest {

    private static final String DETECTOR = "arn:aws:guardduty:eu-west-1:111122223333:detector/6ab6e6ee780ed494f3b7ca56acdc74df";
    private final GuardDutyConverter converter = new GuardDutyConverter();
    private final ConversionContext context = context(null, "us-east-1");

    @Test
    void formatIsGuardduty() {
        assertThat(converter.format()).isEqualTo("guardduty");
    }

    @Test
    void inboundSshBruteForceBecomesAnEc2FindingWithNetworkAndAction() {
        ObjectNode finding = validFindings(converter.convert(load("guardduty/findings-export.json"), context)).get(0);

        assertThat(finding.path("Id").asText()).isEqualTo(DETECTOR + "/finding/5ec6a7f3b0c2a1d48e21f7a4a9b3c201");
        assertThat(finding.path("ProductArn").asText()).isEqualTo("arn:aws:securityhub:eu-west-1::product/aws/guardduty");
        assertThat(finding.path("GeneratorId").asText()).isEqualTo(DETECTOR);
        assertThat(finding.path("AwsAccountId").asText()).isEqualTo("111122223333");
        assertThat(finding.path("Region").asText()).isEqualTo("eu-west-1");
        assertThat(finding.path("Types").get(0).asText()).isEqualTo("TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce");
        assertThat(finding.path("Severity").path("Label").asText()).isEqualTo("LOW");
        assertThat(finding.path("Severity").path("Original").asText()).isEqualTo("2");
        assertThat(finding.path("CreatedAt").asText()).isEqualTo("2024-11-04T08:12:47.593Z");
        assertThat(finding.path("UpdatedAt").asText()).isEqualTo("2024-11-04T09:52:30.118Z");
        assertThat(finding.path("FirstObservedAt").asText()).isEqualTo("2024-11-04T07:58:02.000Z");
        assertThat(finding.path("LastObservedAt").asText()).isEqualTo("2024-11-04T09:41:19.000Z");
        assertThat(finding.path("RecordState").asText()).isEqualTo("ACTIVE");
        assertThat(finding.has("Sample")).isFalse();

        JsonNode resource = finding.path("Resources").get(0);
        assertThat(resource.path("Type").asText()).isEqualTo("AwsEc2Instance");
        assertThat(resource.path("Id").asText()).isEqualTo("arn:aws:ec2:eu-west-1:111122223333:instance/i-0f3c2d9a8b7e6d501");
        assertThat(resource.path("Details").path("AwsEc2Instance").path("IpV4Addresses"))
                .containsExactly(Json.MAPPER.getNodeFactory().textNode("10.20.1.37"),
                        Json.MAPPER.getNodeFactory().textNode("34.245.18.90"));
        assertThat(resource.path("Details").path("AwsEc2Instance").path("VpcId").asText()).isEqualTo("vpc-0b2e4d6f8a1c3e5a7");
        assertThat(resource.path("Tags").path("Name").asText()).isEqualTo("bastion-eu-west-1b");

        JsonNode network = finding.path("Network");
        assertThat(network.path("Direction").asText()).isEqualTo("IN");
        assertThat(network.path("SourceIpV4").asText()).isEqualTo("203.0.113.51");
        assertThat(network.path("SourcePort").intValue()).isEqualTo(51874);
        assertThat(network.path("DestinationIpV4").asText()).isEqualTo("10.20.1.37");
        assertThat(network.path("DestinationPort").intValue()).isEqualTo(22);
        assertThat(network.path("Protocol").asText()).isEqualTo("TCP");
        JsonNode action = finding.path("Action");
        assertThat(action.path("ActionType").asText()).isEqualTo("NETWORK_CONNECTION");
        assertThat(action.path("NetworkConnectionAction").path("RemoteIpDetails").path("Organization").path("Asn").intValue())
                .isEqualTo(64500);
        assertThat(finding.path("ProductFields").path("aws/guardduty/service/count").asText()).isEqualTo("14");
        assertThat(finding.path("ProductFields").path("aws/guardduty/service/action/actionType").asText())
                .isEqualTo("NETWORK_CONNECTION");
    }

    @Test
    void apiCallWithExfiltratedCredentialsBecomesAnAccessKeyFinding() {
        ObjectNode finding = validFindings(converter.convert(load("guardduty/findings-export.json"), context)).get(1);

        assertThat(finding.path("Types").get(0).asText())
                .isEqualTo("TTPs/Initial Access/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS");
        assertThat(finding.path("Severity").path("Label").asText()).isEqualTo("HIGH");
        JsonNode resource = finding.path("Resources").get(0);
        assertThat(resource.path("Type").asText()).isEqualTo("AwsIamAccessKey");
        assertThat(resource.path("Id").asText()).isEqualTo("AWS::IAM::AccessKey:ASIARZ7EXAMPLE4QK2PT");
        assertThat(resource.path("Details").path("AwsIamAccessKey").path("PrincipalName").asText()).isEqualTo("ci-runner-role");
        JsonNode call = finding.path("Action").path("AwsApiCallAction");
        assertThat(finding.path("Action").path("ActionType").asText()).isEqualTo("AWS_API_CALL");
        assertThat(call.path("Api").asText()).isEqualTo("ListBuckets");
        assertThat(call.path("ServiceName").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(call.path("CallerType").asText()).isEqualTo("Remote IP");
        assertThat(call.path("RemoteIpDetails").path("IpAddressV4").asText()).isEqualTo("198.51.100.23");
    }

    @Test
    void pascalCaseCliOutputGivesTheSameFindingsAsTheCamelCaseExport() {
        List<ObjectNode> camel = validFindings(converter.convert(load("guardduty/findings-export.json"), context));
        List<ObjectNode> pascal = validFindings(converter.convert(load("guardduty/get-findings-cli.json"), context));

        assertThat(pascal).isEqualTo(camel);
    }

    @Test
    void eventBridgeEventIsUnwrappedAndItsSampleFindingMarked() {
        List<ObjectNode> findings = validFindings(converter.convert(load("guardduty/eventbridge-dns-sample.json"), context));

        assertThat(findings).hasSize(1);
        ObjectNode finding = findings.get(0);
        assertThat(finding.path("Id").asText()).isEqualTo("arn:aws:guardduty:us-east-2:444455556666:detector/"
                + "12c0f4e8d2a64b1f9e3c5a7b9d1f3e5a/finding/b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3");
        assertThat(finding.path("AwsAccountId").asText()).isEqualTo("444455556666");
        assertThat(finding.path("Region").asText()).isEqualTo("us-east-2");
        assertThat(finding.path("Types").get(0).asText()).isEqualTo("TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS");
        assertThat(finding.path("Sample").booleanValue()).isTrue();
        assertThat(finding.path("Network").path("DestinationDomain").asText()).isEqualTo("GeneratedFindingDomainName");
        assertThat(finding.path("Action").path("ActionType").asText()).isEqualTo("DNS_REQUEST");
        assertThat(finding.path("Action").path("DnsRequestAction").path("Domain").asText()).isEqualTo("GeneratedFindingDomainName");
        assertThat(finding.path("ProductFields").path("aws/guardduty/service/resourceRole").asText()).isEqualTo("ACTOR");
    }

    @Test
    void bareArrayCoversPortProbeS3BucketAndOtherResources() {
        List<ObjectNode> findings = validFindings(converter.convert(load("guardduty/findings-array.json"), context));

        assertThat(findings).hasSize(3);
        ObjectNode probe = findings.get(0);
        assertThat(probe.path("Types").get(0).asText()).isEqualTo("TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort");
        assertThat(probe.path("Severity").path("Label").asText()).isEqualTo("MEDIUM");
        assertThat(probe.path("RecordState").asText()).isEqualTo("ARCHIVED");
        assertThat(probe.path("Action").path("PortProbeAction").path("PortProbeDetails").get(0).path("LocalPortDetails")
                .path("Port").intValue()).isEqualTo(5432);
        assertThat(probe.path("Network").path("SourceIpV4").asText()).isEqualTo("192.0.2.77");

        ObjectNode bucket = findings.get(1);
        assertThat(bucket.path("Types").get(0).asText())
                .isEqualTo("Software and Configuration Checks/AWS Security Best Practices/Policy:S3-BucketBlockPublicAccessDisabled");
        assertThat(bucket.path("Resources").get(0).path("Type").asText()).isEqualTo("AwsS3Bucket");
        assertThat(bucket.path("Resources").get(0).path("Id").asText()).isEqualTo("arn:aws:s3:::acme-build-artifacts");
        assertThat(bucket.path("Action").path("AwsApiCallAction").path("DomainDetails").path("Domain").asText())
                .isEqualTo("cloudformation.amazonaws.com");

        ObjectNode database = findings.get(2);
        assertThat(database.path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        assertThat(database.path("Severity").path("Original").asText()).isEqualTo("9.1");
        assertThat(database.path("Types").get(0).asText())
                .isEqualTo("TTPs/Credential Access/CredentialAccess:RDS-AnomalousBehavior.SuccessfulLogin");
        assertThat(database.path("Resources").get(0).path("Type").asText()).isEqualTo("Other");
        assertThat(database.path("Resources").get(0).path("Id").asText()).isEqualTo("arn:aws:rds:eu-west-1:111122223333:db:orders-prod");
        assertThat(database.has("Action")).isFalse();
        assertThat(database.path("ProductFields").path("aws/guardduty/service/action/actionType").asText())
                .isEqualTo("RDS_LOGIN_ATTEMPT");
    }

    @Test
    void convertingTwiceGivesTheSameIds() {
        JsonNode document = load("guardduty/findings-array.json");

        assertThat(ids(converter.convert(document, context))).isEqualTo(ids(converter.convert(document, context)));
    }

    @Test
    void findingWithoutArnGetsAnIdDerivedFromDetectorAndFindingId() {
        ObjectNode record = (ObjectNode) load("guardduty/findings-array.json").get(0);
        record.remove("arn");

        ObjectNode finding = validFindings(converter.convert(record, context)).get(0);

        assertThat(finding.path("Id").asText()).isEqualTo(DETECTOR + "/finding/0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f");
        assertThat(finding.path("GeneratorId").asText()).isEqualTo(DETECTOR);
    }

    @Test
    void findingWithoutArnOrIdIsRefusedNamingTheField() {
        ObjectNode record = (ObjectNode) load("guardduty/findings-array.json").get(1);
        record.remove("arn");
        record.remove("id");

        List<Converted> converted = converter.convert(record, context);

        assertThat(converted).hasSize(1);
        assertThat(converted.get(0).isRefused()).isTrue();
        assertThat(converted.get(0).problem()).startsWith("arn:");
    }

    @Test
    void findingWithoutAccountIsRefused() {
        ObjectNode record = (ObjectNode) load("guardduty/findings-array.json").get(1);
        record.remove("accountId");

        Converted converted = converter.convert(record, context).get(0);

        assertThat(converted.isRefused()).isTrue();
        assertThat(converted.sourceId()).endsWith("/finding/9f8e7d6c5b4a39281706f5e4d3c2b1a0");
        assertThat(converted.problem()).startsWith("accountId:");
    }

    @Test
    void unknownThreatPurposeFallsBackToUnusualBehaviors() {
        assertThat(GuardDutyConverter.asffType("Novel:EC2/SomethingNew")).isEqualTo("Unusual Behaviors/Other/Novel:EC2-SomethingNew");
        assertThat(GuardDutyConverter.asffType("Behavior:IAMUser/UnusualApi")).isEqualTo("Unusual Behaviors/User/Behavior:IAMUser-UnusualApi");
    }

    @Test
    void documentsThatAreNotGuardDutyAreRejected() {
        assertThatThrownBy(() -> converter.convert(Json.MAPPER.getNodeFactory().textNode("finding"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("guardduty");
        assertThatThrownBy(() -> converter.convert(Json.object().put("detail-type", "Inspector2 Finding"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("GuardDuty Finding");
        assertThatThrownBy(() -> converter.convert(Json.object().put("SchemaVersion", "2018-10-08"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("already ASFF");
        assertThatThrownBy(() -> converter.convert(Json.object().put("hello", "world"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("not a GuardDuty finding");
    }
}
