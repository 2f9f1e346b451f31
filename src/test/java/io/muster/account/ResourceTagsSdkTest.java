package io.muster.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.muster.testing.Asff;
import io.muster.testing.Sdk;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AccessDeniedException;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesAction;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesActionType;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesFindingFieldsUpdate;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesFindingFilters;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * TagResource, UntagResource and ListTagsForResource through the AWS SDK for Java v2: on the hub and on
 * automation rules only, with AWS's tag limits, within the caller's scope; and the ResourceTags service other
 * features call.
 */
@QuarkusTest
class ResourceTagsSdkTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    ResourceTags resourceTags;

    private static String hubOf(String account) {
        return "arn:aws:securityhub:us-east-1:" + account + ":hub/default";
    }

    @Test
    void aHubIsTaggedRetaggedAndUntagged() {
        String account = Accounts.fresh();
        String hub = hubOf(account);
        List<String> paths = new CopyOnWriteArrayList<>();
        TestCallers.TestCaller owner = TestCallers.accessKey("ADMIN", List.of(account), List.of());
        try (SecurityHubClient client = recording(owner, paths)) {
            assertThat(client.listTagsForResource(r -> r.resourceArn(hub)).tags()).isEmpty();

            client.tagResource(r -> r.resourceArn(hub).tags(Map.of("Team", "blue", "Env", "prod", "CostCentre", "")));
            assertThat(client.listTagsForResource(r -> r.resourceArn(hub)).tags())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("Team", "blue", "Env", "prod", "CostCentre", ""));

            client.tagResource(r -> r.resourceArn(hub).tags(Map.of("Env", "dev")));
            client.untagResource(r -> r.resourceArn(hub).tagKeys("Team", "NeverThere"));
            assertThat(client.listTagsForResource(r -> r.resourceArn(hub)).tags())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("Env", "dev", "CostCentre", ""));
        }
        // the SDK sends the ARN as one URL-encoded path segment (a non-greedy label), colons and slash included
        assertThat(paths).contains("/tags/arn%3Aaws%3Asecurityhub%3Aus-east-1%3A" + account + "%3Ahub%2Fdefault");
        // the same ARN with its slash as it is reaches the same tags
        TestCallers.accessKey("VIEWER", List.of(account), List.of()).request().get("/tags/" + hub).then().statusCode(200)
                .body("Tags.Env", equalTo("dev"));
    }

    @Test
    void tagsBeyondAwsLimitsAreRefusedNamingTheTag() {
        String hub = hubOf(Accounts.fresh());
        TestCallers.TestCaller owner = TestCallers.accessKey("ADMIN", List.of(hub.split(":")[4]), List.of());
        try (SecurityHubClient client = Accounts.client(endpoint, owner, Region.US_EAST_1)) {
            Map<String, String> fiftyOne = numbered(51, 0);
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(hub).tags(fiftyOne))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("1 to 50 tags");
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(hub).tags(Map.of("k".repeat(129), "v"))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 to 128 characters");
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(hub).tags(Map.of("Owner", "v".repeat(257)))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("tag 'Owner'").hasMessageContaining("256");
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(hub).tags(Map.of("aws:createdBy", "me"))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("'aws:createdBy'");
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(hub).tags(Map.of("AWS:CreatedBy", "me"))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("reserves");
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(hub).tags(Map.of("Cost Centre", "1"))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("'Cost Centre'");
            assertThatThrownBy(() -> client.untagResource(r -> r.resourceArn(hub).tagKeys("bad key")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("'bad key'");
            assertThatThrownBy(() -> client.untagResource(r -> r.resourceArn(hub))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("tagKeys");
            // a resource carries at most 50: 49 plus 2 new ones is refused as a whole, 49 plus 1 is fine
            client.tagResource(r -> r.resourceArn(hub).tags(numbered(49, 0)));
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(hub).tags(numbered(2, 49)))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("at most 50");
            client.tagResource(r -> r.resourceArn(hub).tags(numbered(1, 49)));
            // keys the model's pattern allows: digits and + - = . _ : / among letters
            client.untagResource(r -> r.resourceArn(hub).tagKeys("key.0", "key.1"));
            client.tagResource(r -> r.resourceArn(hub).tags(Map.of("team/owner", "x", "k8s.io:app=web+1_a", "y")));
            assertThat(client.listTagsForResource(r -> r.resourceArn(hub)).tags()).hasSize(50).containsKeys("team/owner", "k8s.io:app=web+1_a");
        }
    }

    @Test
    void onlyTheHubAutomationRulesAndConfigurationPoliciesCarryTags() {
        try (SecurityHubClient client = Sdk.securityHub(endpoint)) {
            for (String arn : List.of("arn:aws:securityhub:us-east-1:123456789012:finding-aggregator/0b5ae6b4-1d4b-4b0e-9d1a-6f3f2a1e9c11",
                    "arn:aws:securityhub:us-east-1:123456789012:action/custom/SendToSoc",
                    "arn:aws:securityhub:us-east-1::product/aws/guardduty",
                    "arn:aws:s3:::my-bucket",
                    "not-an-arn")) {
                assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(arn).tags(Map.of("a", "b"))))
                        .as(arn).isInstanceOf(InvalidInputException.class).hasMessageContaining(arn);
                assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceArn(arn))).as(arn).isInstanceOf(InvalidInputException.class);
            }
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(
                    "arn:aws:securityhub:us-east-1:123456789012:configuration-policy/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111").tags(Map.of("a", "b"))))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("configuration policies");
            assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceArn(
                    "arn:aws:securityhub:us-east-1:000000000000:automation-rule/00000000-0000-0000-0000-000000000000")))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("automation rule");
        }
    }

    @Test
    void anAutomationRuleStartsWithItsCreationTags() {
        try (SecurityHubClient client = Sdk.securityHub(endpoint)) {
            String rule = client.createAutomationRule(r -> r.ruleName("tagged").description("carries tags").ruleOrder(1000)
                    .criteria(AutomationRulesFindingFilters.builder().productArn(StringFilter.builder().value(Asff.newProductArn())
                            .comparison(StringFilterComparison.EQUALS).build()).build())
                    .actions(AutomationRulesAction.builder().type(AutomationRulesActionType.FINDING_FIELDS_UPDATE)
                            .findingFieldsUpdate(AutomationRulesFindingFieldsUpdate.builder().confidence(1).build()).build())
                    .tags(Map.of("Owner", "secops", "Ticket", "SEC-1"))).ruleArn();
            try {
                assertThat(client.listTagsForResource(r -> r.resourceArn(rule)).tags())
                        .containsExactlyInAnyOrderEntriesOf(Map.of("Owner", "secops", "Ticket", "SEC-1"));
                client.tagResource(r -> r.resourceArn(rule).tags(Map.of("Tier", "1")));
                client.untagResource(r -> r.resourceArn(rule).tagKeys("Owner"));
                assertThat(client.listTagsForResource(r -> r.resourceArn(rule)).tags())
                        .containsExactlyInAnyOrderEntriesOf(Map.of("Ticket", "SEC-1", "Tier", "1"));
            } finally {
                client.batchDeleteAutomationRules(r -> r.automationRulesArns(rule));
            }
            assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceArn(rule))).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void anotherTenantCannotTagOrReadTheTagsOfAHubOutsideItsScope() {
        String account = Accounts.fresh();
        String hub = hubOf(account);
        TestCallers.TestCaller owner = TestCallers.accessKey("ADMIN", List.of(account), List.of());
        TestCallers.TestCaller tenant = TestCallers.accessKey("ADMIN", List.of(Accounts.fresh()), List.of());
        try (SecurityHubClient client = Accounts.client(endpoint, owner, Region.US_EAST_1);
                SecurityHubClient other = Accounts.client(endpoint, tenant, Region.US_EAST_1)) {
            client.tagResource(r -> r.resourceArn(hub).tags(Map.of("Owner", "team-a")));

            assertThatThrownBy(() -> other.tagResource(r -> r.resourceArn(hub).tags(Map.of("Owner", "team-b"))))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("TagResource");
            assertThatThrownBy(() -> other.untagResource(r -> r.resourceArn(hub).tagKeys("Owner"))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> other.listTagsForResource(r -> r.resourceArn(hub))).isInstanceOf(AccessDeniedException.class);
            assertThat(client.listTagsForResource(r -> r.resourceArn(hub)).tags()).containsExactlyEntriesOf(Map.of("Owner", "team-a"));
        }
        // a viewer of the account reads its tags but may not change them
        try (SecurityHubClient viewer = Accounts.client(endpoint, TestCallers.viewer(account), Region.US_EAST_1)) {
            assertThat(viewer.listTagsForResource(r -> r.resourceArn(hub)).tags()).containsEntry("Owner", "team-a");
            assertThatThrownBy(() -> viewer.tagResource(r -> r.resourceArn(hub).tags(Map.of("x", "y")))).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void otherFeaturesTagThroughTheServiceWithTheSameRules() {
        String hub = hubOf(Accounts.fresh());
        resourceTags.tag(hub, Map.of("Source", "EnableSecurityHub"));
        assertThat(resourceTags.list(hub)).containsExactlyEntriesOf(Map.of("Source", "EnableSecurityHub"));
        assertThatThrownBy(() -> resourceTags.tag(hub, Map.of("aws:x", "y"))).hasMessageContaining("aws:");
        assertThatThrownBy(() -> resourceTags.tag("arn:aws:securityhub:us-east-1:123456789012:insight/x", Map.of("a", "b")))
                .hasMessageContaining("cannot carry tags");
        assertThat(resourceTags.owner(hub)).isEqualTo(hub.split(":")[4]);
    }

    private static Map<String, String> numbered(int count, int from) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = from; i < from + count; i++) {
            tags.put("key." + i, "value " + i);
        }
        return tags;
    }

    /** A client that records the raw path of every request it sends. */
    private SecurityHubClient recording(TestCallers.TestCaller caller, List<String> paths) {
        return SecurityHubClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(caller.accessKeyId(), caller.secretAccessKey())))
                .httpClient(Apache5HttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        paths.add(context.httpRequest().encodedPath());
                    }
                }))
                .build();
    }
}
