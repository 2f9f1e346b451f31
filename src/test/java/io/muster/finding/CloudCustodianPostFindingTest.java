package io.muster.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.testing.Sdk;
import io.muster.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.ResourceDetails;
import software.amazon.awssdk.services.securityhub.model.Severity;

/**
 * Cloud Custodian's {@code post-finding} action, as its source writes findings (c7n/resources/securityhub.py):
 * one BatchImportFindings call per resource (its default batch size of 1), Ids
 * {@code <region>/<account>/<md5 of the policy>/<md5 of the resource ids>}, ProductArn
 * {@code product/cloud-custodian/cloud-custodian}, a Severity whose Label comes from the policy while
 * Normalized and Product stay 0, ProductFields naming the provider, and a resource with its type's
 * Details or {@code Other}. The next run finds the finding Id in the resource's tag and re-sends it with the
 * first CreatedAt and a new UpdatedAt; a policy with {@code record_state: ARCHIVED} archives.
 */
@QuarkusTest
class CloudCustodianPostFindingTest {

    private static final int BUCKETS = 250;

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    TestDatabase db;

    @Test
    void aPolicyRunPostsOneFindingPerBucketAndTheNextRunUpdatesThenArchivesThem() throws Exception {
        String account = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        String policyHash = md5("{\"name\": \"s3-public-buckets\", \"resource\": \"aws.s3\"}");
        try (SecurityHubClient client = Sdk.securityHub(endpoint)) {
            for (int i = 0; i < BUCKETS; i++) {
                BatchImportFindingsResponse response = client.batchImportFindings(
                        post(account, policyHash, i, "2026-11-30T10:00:00.000001+00:00", "2026-11-30T10:00:00.000001+00:00", "ACTIVE"));
                assertThat(response.failedFindings()).as("bucket " + i).isEmpty();
                assertThat(response.successCount()).isEqualTo(1);
            }
            assertThat(db.count("SELECT COUNT(*) FROM finding WHERE aws_account_id = ?", account)).isEqualTo(BUCKETS);

            JsonNode first = db.document("arn:aws:securityhub:us-east-1::product/cloud-custodian/cloud-custodian",
                    id(account, policyHash, 0));
            assertThat(first.path("Severity").path("Label").asText()).isEqualTo("HIGH");
            assertThat(first.path("ProductFields").path("ProviderName").asText()).isEqualTo("CloudCustodian");
            assertThat(first.path("Resources").get(0).path("Details").path("AwsS3Bucket").path("OwnerId").asText()).isEqualTo(account);

            for (int i = 0; i < BUCKETS; i++) {
                String state = i < 50 ? "ARCHIVED" : "ACTIVE";
                BatchImportFindingsResponse response = client.batchImportFindings(
                        post(account, policyHash, i, "2026-11-30T10:00:00.000001+00:00", "2026-12-01T10:00:00.000002+00:00", state));
                assertThat(response.failedFindings()).as("bucket " + i).isEmpty();
            }
            assertThat(db.count("SELECT COUNT(*) FROM finding WHERE aws_account_id = ?", account)).isEqualTo(BUCKETS);
            assertThat(db.count("SELECT COUNT(*) FROM finding WHERE aws_account_id = ? AND record_state = 'ARCHIVED'", account))
                    .isEqualTo(50);
        }
    }

    private static java.util.function.Consumer<software.amazon.awssdk.services.securityhub.model.BatchImportFindingsRequest.Builder> post(
            String account, String policyHash, int bucket, String createdAt, String updatedAt, String recordState) {
        String name = "bucket-" + account + "-" + bucket;
        AwsSecurityFinding finding = AwsSecurityFinding.builder()
                .schemaVersion("2018-10-08")
                .productArn("arn:aws:securityhub:us-east-1::product/cloud-custodian/cloud-custodian")
                .awsAccountId(account)
                .description("Buckets must not allow public reads")
                .title("s3-public-buckets")
                .id(id(account, policyHash, bucket))
                .generatorId("s3-public-buckets")
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .recordState(recordState)
                // c7n: {'Product': 0, 'Normalized': 0, 'Label': 'INFORMATIONAL'}, with the policy's severity_label laid over it
                .severity(Severity.builder().product(0.0).normalized(0).label("HIGH").build())
                .compliance(c -> c.status("FAILED"))
                .productFields(Map.of("resource", "s3", "ProviderName", "CloudCustodian", "ProviderVersion", "0.9.43", "team", "platform"))
                .resources(Resource.builder().type("AwsS3Bucket").id("arn:aws:s3:::" + name).region("us-east-1").partition("aws")
                        .tags(Map.of("c7n:FindingId:s3-public-buckets", id(account, policyHash, bucket) + ":" + createdAt))
                        .details(ResourceDetails.builder().awsS3Bucket(b -> b.ownerId(account).ownerName("platform")
                                .createdAt("2025-03-01T12:00:00+00:00")).build())
                        .build())
                .types("Software and Configuration Checks/AWS Security Best Practices/S3 public access")
                .build();
        return b -> b.findings(finding);
    }

    private static String id(String account, String policyHash, int bucket) {
        return "us-east-1/" + account + "/" + policyHash + "/" + md5("[\"bucket-" + account + "-" + bucket + "\"]");
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
