package io.muster.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Api;
import io.muster.testing.Sdk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AssociationStatus;
import software.amazon.awssdk.services.securityhub.model.ControlStatus;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.StandardsControl;
import software.amazon.awssdk.services.securityhub.model.StandardsControlAssociationDetail;
import software.amazon.awssdk.services.securityhub.model.StandardsControlAssociationId;
import software.amazon.awssdk.services.securityhub.model.StandardsControlAssociationSummary;
import software.amazon.awssdk.services.securityhub.model.StandardsControlAssociationUpdate;
import software.amazon.awssdk.services.securityhub.model.UnprocessedErrorCode;
import software.amazon.awssdk.services.securityhub.model.UnprocessedStandardsControlAssociation;
import software.amazon.awssdk.services.securityhub.model.UnprocessedStandardsControlAssociationUpdate;

/**
 * ListStandardsControlAssociations, BatchGetStandardsControlAssociations and BatchUpdateStandardsControlAssociations
 * driven by the AWS SDK for Java v2, as Terraform's aws_securityhub_standards_control_association drives them. IAM.4
 * ("root user access key should not exist") is in AWS FSBP and CIS 1.2.0, both enabled by default; disabling it
 * through an association must be exactly UpdateStandardsControl — DescribeStandardsControls, control status and the
 * score see the same state — and every test leaves it enabled again.
 */
@QuarkusTest
class ControlAssociationsSdkTest {

    private static final String FSBP = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0";
    private static final String CIS_120 = ControlStatusTest.CIS_120;
    private static final String CIS_140 = "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0";
    private static final String CIS_300 = "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0";
    private static final String CIS_120_SUBSCRIPTION = "arn:aws:securityhub:us-east-1:000000000000:subscription/cis-aws-foundations-benchmark/v/1.2.0";
    private static final String FSBP_SUBSCRIPTION =
            "arn:aws:securityhub:us-east-1:000000000000:subscription/aws-foundational-security-best-practices/v/1.0.0";
    private static final String CIS_1_12 = "arn:aws:securityhub:us-east-1:000000000000:control/cis-aws-foundations-benchmark/v/1.2.0/1.12";
    private static final String FSBP_IAM_4 = "arn:aws:securityhub:us-east-1:000000000000:control/aws-foundational-security-best-practices/v/1.0.0/IAM.4";

    @TestHTTPResource("/")
    URI endpoint;

    private SecurityHubClient client;

    @BeforeEach
    void connect() {
        client = Sdk.securityHub(endpoint);
        assertThat(enabledStandards()).as("AWS FSBP and CIS 1.2.0 are enabled by default").contains(FSBP, CIS_120);
    }

    @AfterEach
    void enableIam4Again() {
        client.updateStandardsControl(b -> b.standardsControlArn(CIS_1_12).controlStatus(ControlStatus.ENABLED));
        client.updateStandardsControl(b -> b.standardsControlArn(FSBP_IAM_4).controlStatus(ControlStatus.ENABLED));
        client.close();
    }

    @Test
    void aControlIsListedInEveryEnabledStandardWithThatStandardsOwnTitleAndRequirements() {
        Map<String, StandardsControlAssociationSummary> byStandard = list("IAM.4");
        assertThat(byStandard.keySet()).as("only enabled standards").containsAll(List.of(FSBP, CIS_120)).isSubsetOf(enabledStandards());

        StandardsControlAssociationSummary cis = byStandard.get(CIS_120);
        assertThat(cis.securityControlId()).isEqualTo("IAM.4");
        assertThat(cis.securityControlArn()).isEqualTo("arn:aws:securityhub:us-east-1:000000000000:security-control/IAM.4");
        assertThat(cis.associationStatus()).isEqualTo(AssociationStatus.ENABLED);
        assertThat(cis.relatedRequirements()).containsExactly("CIS AWS Foundations Benchmark v1.2.0/1.12");
        assertThat(cis.standardsControlTitle()).isEqualTo("Ensure no root user access key exists");
        assertThat(cis.standardsControlDescription()).isNotBlank();
        assertThat(cis.updatedAt()).isNotNull();
        assertThat(cis.updatedReason()).isNull();
        assertThat(byStandard.get(FSBP).standardsControlTitle()).isEqualTo("IAM root user access key should not exist");

        boolean enabledHere = !enabledStandards().contains(CIS_140);
        if (enabledHere) {
            client.batchEnableStandards(b -> b.standardsSubscriptionRequests(r -> r.standardsArn(CIS_140)));
        }
        try {
            assertThat(list("arn:aws:securityhub:us-east-1:000000000000:security-control/IAM.4").get(CIS_140))
                    .as("a standard enabled later is listed, and the control may be named by its ARN").isNotNull()
                    .satisfies(summary -> assertThat(summary.relatedRequirements()).containsExactly("CIS AWS Foundations Benchmark v1.4.0/1.4"));
        } finally {
            if (enabledHere) {
                client.batchDisableStandards(b -> b.standardsSubscriptionArns(
                        "arn:aws:securityhub:us-east-1:000000000000:subscription/cis-aws-foundations-benchmark/v/1.4.0"));
            }
        }
        assertThat(list("IAM.4")).doesNotContainKey(CIS_140);
    }

    @Test
    void listingNeedsAKnownSecurityControl() {
        assertThatThrownBy(() -> client.listStandardsControlAssociations(b -> b.securityControlId("Nope.1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Nope.1");
        assertThatThrownBy(() -> client.listStandardsControlAssociations(b -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SecurityControlId is required");
        assertThatThrownBy(() -> client.listStandardsControlAssociations(b -> b.securityControlId("IAM.4").maxResults(101)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MaxResults");
    }

    @Test
    void batchGetAnswersEachPairOrSaysWhyItNamesNoAssociation() {
        assertThat(enabledStandards()).as("precondition: CIS 3.0.0 is not enabled").doesNotContain(CIS_300);
        String unknownStandard = "arn:aws:securityhub:us-east-1::standards/house-rules/v/0";
        var answer = client.batchGetStandardsControlAssociations(b -> b.standardsControlAssociationIds(
                id("IAM.4", "arn:aws:securityhub:us-east-1:000000000000:ruleset/cis-aws-foundations-benchmark/v/1.2.0"),
                id("arn:aws:securityhub:us-east-1:000000000000:security-control/CloudTrail.1", FSBP),
                id("CodeBuild.1", CIS_120),
                id("Nope.1", FSBP),
                id("IAM.4", unknownStandard),
                id("IAM.4", CIS_300)));

        List<StandardsControlAssociationDetail> details = answer.standardsControlAssociationDetails();
        assertThat(details).extracting(StandardsControlAssociationDetail::standardsArn).as("the standards' own ARNs")
                .containsExactly(CIS_120, FSBP);
        assertThat(details.get(0).securityControlId()).isEqualTo("IAM.4");
        assertThat(details.get(0).associationStatus()).isEqualTo(AssociationStatus.ENABLED);
        assertThat(details.get(0).standardsControlArns()).containsExactly(CIS_1_12).containsExactly(describe(CIS_120_SUBSCRIPTION, "CIS.1.12")
                .standardsControlArn());
        assertThat(details.get(1).securityControlId()).isEqualTo("CloudTrail.1");
        assertThat(details.get(1).standardsControlArns())
                .containsExactly("arn:aws:securityhub:us-east-1:000000000000:control/aws-foundational-security-best-practices/v/1.0.0/CloudTrail.1");

        List<UnprocessedStandardsControlAssociation> unprocessed = answer.unprocessedAssociations();
        assertThat(unprocessed).extracting(u -> u.standardsControlAssociationId().securityControlId() + " " + u.standardsControlAssociationId().standardsArn())
                .as("as sent").containsExactly("CodeBuild.1 " + CIS_120, "Nope.1 " + FSBP, "IAM.4 " + unknownStandard, "IAM.4 " + CIS_300);
        assertThat(unprocessed).extracting(UnprocessedStandardsControlAssociation::errorCode).containsOnly(UnprocessedErrorCode.NOT_FOUND);
        assertThat(unprocessed).extracting(UnprocessedStandardsControlAssociation::errorReason).satisfiesExactly(
                reason -> assertThat(reason).contains("CIS AWS Foundations Benchmark v1.2.0 has no control for security control CodeBuild.1"),
                reason -> assertThat(reason).contains("Nope.1"),
                reason -> assertThat(reason).contains(unknownStandard),
                reason -> assertThat(reason).contains("is not enabled"));
    }

    @Test
    void disablingThroughAnAssociationIsUpdateStandardsControlSoEveryViewAgrees() {
        int disabledBefore = disabledControlsInScore(CIS_120);
        String reason = "Root keys are audited by another team";

        var answer = client.batchUpdateStandardsControlAssociations(b -> b.standardsControlAssociationUpdates(
                update(CIS_120, "IAM.4", AssociationStatus.DISABLED, reason),
                update(CIS_120, "CodeBuild.1", AssociationStatus.DISABLED, reason),
                update(FSBP, "IAM.4", AssociationStatus.DISABLED, null)));

        assertThat(answer.unprocessedAssociationUpdates()).hasSize(2);
        UnprocessedStandardsControlAssociationUpdate notInStandard = answer.unprocessedAssociationUpdates().get(0);
        assertThat(notInStandard.standardsControlAssociationUpdate().securityControlId()).isEqualTo("CodeBuild.1");
        assertThat(notInStandard.errorCode()).isEqualTo(UnprocessedErrorCode.NOT_FOUND);
        UnprocessedStandardsControlAssociationUpdate noReason = answer.unprocessedAssociationUpdates().get(1);
        assertThat(noReason.standardsControlAssociationUpdate().standardsArn()).isEqualTo(FSBP);
        assertThat(noReason.errorCode()).isEqualTo(UnprocessedErrorCode.INVALID_INPUT);
        assertThat(noReason.errorReason()).isEqualTo("UpdatedReason is required when AssociationStatus is DISABLED");

        StandardsControl described = describe(CIS_120_SUBSCRIPTION, "CIS.1.12");
        assertThat(described.controlStatus()).as("DescribeStandardsControls").isEqualTo(ControlStatus.DISABLED);
        assertThat(described.disabledReason()).isEqualTo(reason);
        assertThat(describe(FSBP_SUBSCRIPTION, "IAM.4").controlStatus()).as("the refused update changed nothing").isEqualTo(ControlStatus.ENABLED);
        Map<String, Object> status = controlStatus(CIS_120, "CIS.1.12");
        assertThat(status).as("control status").containsEntry("Status", "DISABLED").containsEntry("DisabledReason", reason);
        assertThat(disabledControlsInScore(CIS_120)).as("the score leaves the control out").isEqualTo(disabledBefore + 1);

        StandardsControlAssociationSummary listed = list("IAM.4").get(CIS_120);
        assertThat(listed.associationStatus()).isEqualTo(AssociationStatus.DISABLED);
        assertThat(listed.updatedReason()).isEqualTo(reason);
        assertThat(listed.updatedAt()).isEqualTo(described.controlStatusUpdatedAt());
        assertThat(list("IAM.4").get(FSBP).associationStatus()).isEqualTo(AssociationStatus.ENABLED);
        assertThat(securityControlStatus("IAM.4")).as("still enabled in FSBP").isEqualTo(ControlStatus.ENABLED);

        assertThat(client.batchUpdateStandardsControlAssociations(b -> b.standardsControlAssociationUpdates(
                update(FSBP, "IAM.4", AssociationStatus.DISABLED, "Not applicable to environment"))).unprocessedAssociationUpdates()).isEmpty();
        assertThat(securityControlStatus("IAM.4")).as("disabled in every enabled standard").isEqualTo(ControlStatus.DISABLED);

        client.updateStandardsControl(b -> b.standardsControlArn(CIS_1_12).controlStatus(ControlStatus.ENABLED));
        StandardsControlAssociationSummary reEnabled = list("IAM.4").get(CIS_120);
        assertThat(reEnabled.associationStatus()).as("UpdateStandardsControl shows through the association").isEqualTo(AssociationStatus.ENABLED);
        assertThat(reEnabled.updatedReason()).isNull();

        assertThat(client.batchUpdateStandardsControlAssociations(b -> b.standardsControlAssociationUpdates(
                update(FSBP, "IAM.4", AssociationStatus.ENABLED, null))).unprocessedAssociationUpdates()).isEmpty();
        assertThat(describe(FSBP_SUBSCRIPTION, "IAM.4").controlStatus()).isEqualTo(ControlStatus.ENABLED);
        assertThat(securityControlStatus("IAM.4")).isEqualTo(ControlStatus.ENABLED);
        assertThat(disabledControlsInScore(CIS_120)).isEqualTo(disabledBefore);
    }

    @Test
    void anUpdateOfAStandardThatIsNotEnabledIsNotFoundAndAMalformedBatchIsRefusedWhole() {
        assertThat(enabledStandards()).as("precondition: CIS 3.0.0 is not enabled").doesNotContain(CIS_300);
        var answer = client.batchUpdateStandardsControlAssociations(b -> b.standardsControlAssociationUpdates(
                update(CIS_300, "IAM.4", AssociationStatus.DISABLED, "Not used")));
        assertThat(answer.unprocessedAssociationUpdates()).singleElement()
                .satisfies(u -> assertThat(u.errorCode()).isEqualTo(UnprocessedErrorCode.NOT_FOUND))
                .satisfies(u -> assertThat(u.errorReason()).contains("is not enabled"));

        assertThatThrownBy(() -> client.batchUpdateStandardsControlAssociations(b -> b.standardsControlAssociationUpdates(
                StandardsControlAssociationUpdate.builder().standardsArn(CIS_120).securityControlId("IAM.4").associationStatus("PAUSED").build())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be ENABLED or DISABLED, not 'PAUSED'");
        assertThatThrownBy(() -> client.batchUpdateStandardsControlAssociations(b -> b.standardsControlAssociationUpdates(
                StandardsControlAssociationUpdate.builder().standardsArn(CIS_120).associationStatus(AssociationStatus.ENABLED).build())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SecurityControlId is required");
        List<StandardsControlAssociationUpdate> tooMany = new ArrayList<>(Collections.nCopies(101,
                update(CIS_120, "IAM.4", AssociationStatus.ENABLED, null)));
        assertThatThrownBy(() -> client.batchUpdateStandardsControlAssociations(b -> b.standardsControlAssociationUpdates(tooMany)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("greater than maximum value: 100");
        assertThatThrownBy(() -> client.batchGetStandardsControlAssociations(b -> b.standardsControlAssociationIds(List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("less than minimum value: 1");
        assertThat(describe(CIS_120_SUBSCRIPTION, "CIS.1.12").controlStatus()).isEqualTo(ControlStatus.ENABLED);
    }

    private Map<String, StandardsControlAssociationSummary> list(String securityControlId) {
        List<StandardsControlAssociationSummary> summaries = new ArrayList<>();
        client.listStandardsControlAssociationsPaginator(b -> b.securityControlId(securityControlId).maxResults(1))
                .forEach(page -> summaries.addAll(page.standardsControlAssociationSummaries()));
        return summaries.stream().collect(Collectors.toMap(StandardsControlAssociationSummary::standardsArn, Function.identity()));
    }

    private List<String> enabledStandards() {
        return client.getEnabledStandards(b -> { }).standardsSubscriptions().stream().map(s -> s.standardsArn()).toList();
    }

    private StandardsControl describe(String subscription, String controlId) {
        List<StandardsControl> controls = new ArrayList<>();
        client.describeStandardsControlsPaginator(b -> b.standardsSubscriptionArn(subscription).maxResults(100))
                .forEach(page -> controls.addAll(page.controls()));
        return controls.stream().filter(control -> control.controlId().equals(controlId)).findFirst().orElseThrow();
    }

    private ControlStatus securityControlStatus(String id) {
        return client.batchGetSecurityControls(b -> b.securityControlIds(id)).securityControls().get(0).securityControlStatus();
    }

    private static Map<String, Object> controlStatus(String standardsArn, String controlId) {
        JsonPath controls = Api.request().queryParam("StandardsArn", standardsArn).get("/compliance/controls").then().statusCode(200)
                .extract().jsonPath();
        return controls.getMap("Controls.find { it.ControlId == '" + controlId + "' }");
    }

    private static int disabledControlsInScore(String standardsArn) {
        JsonPath scores = Api.request().get("/compliance/scores").then().statusCode(200).extract().jsonPath();
        return scores.getInt("Standards.find { it.StandardsArn == '" + standardsArn + "' }.ControlsByStatus.DISABLED");
    }

    private static StandardsControlAssociationId id(String securityControlId, String standardsArn) {
        return StandardsControlAssociationId.builder().securityControlId(securityControlId)
                .standardsArn(standardsArn).build();
    }

    private static StandardsControlAssociationUpdate update(String standardsArn, String securityControlId, AssociationStatus status, String reason) {
        return StandardsControlAssociationUpdate.builder().standardsArn(standardsArn).securityControlId(securityControlId)
                .associationStatus(status).updatedReason(reason).build();
    }
}
