package io.muster.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Asff;
import io.muster.testing.Sdk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingIdentifier;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.SortOrder;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

/** The real AWS SDK for Java v2 talks to Muster as it talks to Security Hub: only the endpoint differs. */
@QuarkusTest
class SecurityHubSdkTest {

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
    void importsABatchAndReadsItBackWithFiltersAcrossPages() {
        String product = Asff.newProductArn();
        List<AwsSecurityFinding> findings = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            findings.add(AwsSecurityFinding.builder()
                    .schemaVersion("2018-10-08")
                    .id("sdk-" + i)
                    .productArn(product)
                    .generatorId("sdk-test")
                    .awsAccountId(Asff.ACCOUNT)
                    .types("Software and Configuration Checks/Vulnerabilities/CVE")
                    .createdAt("2026-01-01T00:00:00.000Z")
                    .updatedAt("2026-01-0" + (i + 1) + "T00:00:00.000Z")
                    .severity(Severity.builder().label(i % 2 == 0 ? SeverityLabel.HIGH : SeverityLabel.LOW).build())
                    .title("SDK finding " + i)
                    .description("Imported through the AWS SDK")
                    .resources(Resource.builder().type("AwsEc2Instance").id("i-" + i).build())
                    .build());
        }
        BatchImportFindingsResponse imported = client.batchImportFindings(b -> b.findings(findings));
        assertThat(imported.successCount()).isEqualTo(7);
        assertThat(imported.failedCount()).isZero();
        assertThat(imported.failedFindings()).isEmpty();

        AwsSecurityFindingFilters filters = AwsSecurityFindingFilters.builder()
                .productArn(StringFilter.builder().value(product).comparison(StringFilterComparison.EQUALS).build())
                .severityLabel(StringFilter.builder().value("HIGH").comparison(StringFilterComparison.EQUALS).build())
                .build();
        List<AwsSecurityFinding> read = new ArrayList<>();
        int pages = 0;
        for (var page : client.getFindingsPaginator(b -> b.filters(filters).maxResults(2)
                .sortCriteria(s -> s.field("UpdatedAt").sortOrder(SortOrder.DESC)))) {
            pages++;
            read.addAll(page.findings());
        }
        assertThat(pages).isEqualTo(2);
        assertThat(read).extracting(AwsSecurityFinding::id).containsExactly("sdk-6", "sdk-4", "sdk-2", "sdk-0");
        AwsSecurityFinding first = read.get(0);
        assertThat(first.severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(first.severity().normalized()).isEqualTo(70);
        assertThat(first.workflow().status()).isEqualTo(WorkflowStatus.NEW);
        assertThat(first.resources().get(0).id()).isEqualTo("i-6");
        assertThat(first.updatedAt()).isEqualTo("2026-01-07T00:00:00.000Z");

        var updated = client.batchUpdateFindings(b -> b
                .findingIdentifiers(AwsSecurityFindingIdentifier.builder().productArn(product).id("sdk-0").build())
                .workflow(w -> w.status(WorkflowStatus.RESOLVED)));
        assertThat(updated.processedFindings()).hasSize(1);
        assertThat(updated.unprocessedFindings()).isEmpty();
    }

    @Test
    void aBadRequestSurfacesAsTheSdksTypedInvalidInputException() {
        AwsSecurityFindingFilters illegal = AwsSecurityFindingFilters.builder()
                .title(StringFilter.builder().value("a").comparison(StringFilterComparison.EQUALS).build(),
                        StringFilter.builder().value("b").comparison(StringFilterComparison.NOT_EQUALS).build())
                .build();
        assertThatThrownBy(() -> client.getFindings(b -> b.filters(illegal)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("EQUALS with NOT_EQUALS")
                .satisfies(e -> assertThat(((InvalidInputException) e).statusCode()).isEqualTo(400));
    }
}
