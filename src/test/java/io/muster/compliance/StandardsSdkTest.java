package io.muster.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Sdk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.ControlStatus;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;
import software.amazon.awssdk.services.securityhub.model.SecurityControlDefinition;
import software.amazon.awssdk.services.securityhub.model.StandardsControl;
import software.amazon.awssdk.services.securityhub.model.StandardsStatus;
import software.amazon.awssdk.services.securityhub.model.StandardsSubscription;

/** The standards and controls operations driven by the AWS SDK for Java v2, as the CLI and Prowler drive them. */
@QuarkusTest
class StandardsSdkTest {

    private static final String PCI = "arn:aws:securityhub:us-east-1::standards/pci-dss/v/3.2.1";

    @TestHTTPResource("/")
    URI endpoint;

    private SecurityHubClient client;

    @BeforeEach
    void connect() {
        client = Sdk.securityHub(endpoint);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void describesTheStandardsAndServesCis120ControlsAsPublished() throws IOException {
        List<String> arns = new ArrayList<>();
        client.describeStandardsPaginator(b -> b.maxResults(2)).forEach(page -> page.standards().forEach(s -> arns.add(s.standardsArn())));
        assertThat(arns).contains(ControlStatusTest.CIS_120, PCI,
                "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0");

        StandardsSubscription cis = client.getEnabledStandards(b -> { }).standardsSubscriptions().stream()
                .filter(s -> s.standardsArn().equals(ControlStatusTest.CIS_120)).findFirst().orElseThrow();
        assertThat(cis.standardsStatus()).isEqualTo(StandardsStatus.READY);
        assertThat(cis.standardsSubscriptionArn())
                .isEqualTo("arn:aws:securityhub:us-east-1:000000000000:subscription/cis-aws-foundations-benchmark/v/1.2.0");

        List<StandardsControl> controls = new ArrayList<>();
        client.describeStandardsControlsPaginator(b -> b.standardsSubscriptionArn(cis.standardsSubscriptionArn()))
                .forEach(page -> controls.addAll(page.controls()));
        List<String[]> published = Files.readAllLines(Path.of("src/test/resources/compliance/cis-1.2.0-controls.tsv")).stream()
                .filter(line -> !line.startsWith("#")).map(line -> line.split("\t")).toList();
        assertThat(controls).hasSize(43);
        for (int i = 0; i < 43; i++) {
            assertThat(controls.get(i).controlId()).isEqualTo(published.get(i)[0]);
            assertThat(controls.get(i).title()).isEqualTo(published.get(i)[1]);
            assertThat(controls.get(i).severityRatingAsString()).isEqualTo(published.get(i)[2]);
            assertThat(controls.get(i).controlStatus()).isEqualTo(ControlStatus.ENABLED);
        }
        StandardsControl first = controls.get(0);
        assertThat(first.standardsControlArn())
                .isEqualTo("arn:aws:securityhub:us-east-1:000000000000:control/cis-aws-foundations-benchmark/v/1.2.0/1.1");
        assertThat(first.relatedRequirements()).containsExactly("CIS AWS Foundations Benchmark v1.2.0/1.1");
        assertThat(first.controlStatusUpdatedAt()).isNotNull();
    }

    @Test
    void controlsAreDisabledWithAReasonAndEnabledAgain() {
        String arn = "arn:aws:securityhub:us-east-1:000000000000:control/cis-aws-foundations-benchmark/v/1.2.0/1.20";
        String subscription = "arn:aws:securityhub:us-east-1:000000000000:subscription/cis-aws-foundations-benchmark/v/1.2.0";
        assertThatThrownBy(() -> client.updateStandardsControl(b -> b.standardsControlArn(arn).controlStatus(ControlStatus.DISABLED)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("DisabledReason is required");
        client.updateStandardsControl(b -> b.standardsControlArn(arn).controlStatus(ControlStatus.DISABLED)
                .disabledReason("We use an external support contract"));
        try {
            StandardsControl disabled = controlOf(subscription, "CIS.1.20");
            assertThat(disabled.controlStatus()).isEqualTo(ControlStatus.DISABLED);
            assertThat(disabled.disabledReason()).isEqualTo("We use an external support contract");
            client.batchEnableStandards(b -> b.standardsSubscriptionRequests(r -> r.standardsArn(
                    "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0")));
            assertThat(controlOf(subscription, "CIS.1.20").controlStatus()).as("enabling an enabled standard keeps its disabled controls")
                    .isEqualTo(ControlStatus.DISABLED);
        } finally {
            client.updateStandardsControl(b -> b.standardsControlArn(arn).controlStatus(ControlStatus.ENABLED));
        }
        assertThat(controlOf(subscription, "CIS.1.20").controlStatus()).isEqualTo(ControlStatus.ENABLED);
        assertThatThrownBy(() -> client.updateStandardsControl(b -> b.standardsControlArn(arn + "9").controlStatus(ControlStatus.ENABLED)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void standardsAreEnabledAndDisabled() {
        var enabled = client.batchEnableStandards(b -> b.standardsSubscriptionRequests(r -> r.standardsArn(PCI)));
        String subscription = enabled.standardsSubscriptions().get(0).standardsSubscriptionArn();
        assertThat(subscription).isEqualTo("arn:aws:securityhub:us-east-1:000000000000:subscription/pci-dss/v/3.2.1");
        assertThat(client.getEnabledStandards(b -> b.standardsSubscriptionArns(subscription)).standardsSubscriptions()).hasSize(1);
        assertThat(client.describeStandardsControls(b -> b.standardsSubscriptionArn(subscription).maxResults(100)).controls())
                .hasSize(45);

        var disabled = client.batchDisableStandards(b -> b.standardsSubscriptionArns(subscription));
        assertThat(disabled.standardsSubscriptions().get(0).standardsStatus()).isEqualTo(StandardsStatus.DELETING);
        assertThat(client.getEnabledStandards(b -> b.standardsSubscriptionArns(subscription)).standardsSubscriptions()).isEmpty();
        assertThatThrownBy(() -> client.describeStandardsControls(b -> b.standardsSubscriptionArn(subscription)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.batchEnableStandards(b -> b.standardsSubscriptionRequests(r -> r.standardsArn(PCI + "x"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("DescribeStandards lists the standards");
    }

    @Test
    void securityControlsAreDescribedAcrossStandards() {
        var batch = client.batchGetSecurityControls(b -> b.securityControlIds("IAM.9",
                "arn:aws:securityhub:us-east-1:000000000000:security-control/CloudTrail.1", "Nope.1"));
        assertThat(batch.securityControls()).extracting(c -> c.securityControlId()).containsExactly("IAM.9", "CloudTrail.1");
        assertThat(batch.securityControls().get(0).securityControlArn())
                .isEqualTo("arn:aws:securityhub:us-east-1:000000000000:security-control/IAM.9");
        assertThat(batch.securityControls().get(0).severityRatingAsString()).isEqualTo("CRITICAL");
        assertThat(batch.unprocessedIds()).singleElement().satisfies(u -> {
            assertThat(u.securityControlId()).isEqualTo("Nope.1");
            assertThat(u.errorCodeAsString()).isEqualTo("NOT_FOUND");
        });

        List<SecurityControlDefinition> pci = new ArrayList<>();
        client.listSecurityControlDefinitionsPaginator(b -> b.standardsArn(PCI).maxResults(20))
                .forEach(page -> pci.addAll(page.securityControlDefinitions()));
        assertThat(pci).hasSize(45).extracting(SecurityControlDefinition::securityControlId).contains("IAM.9", "CodeBuild.1");
    }

    private StandardsControl controlOf(String subscription, String controlId) {
        List<StandardsControl> controls = new ArrayList<>();
        client.describeStandardsControlsPaginator(b -> b.standardsSubscriptionArn(subscription)).forEach(p -> controls.addAll(p.controls()));
        return controls.stream().filter(c -> c.controlId().equals(controlId)).findFirst().orElseThrow();
    }
}
