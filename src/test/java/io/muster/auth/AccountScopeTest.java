package io.muster.auth;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.ScopeFixture;
import io.muster.testing.TestCallers;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A credential scoped to some accounts (and, for producers, products) sees and changes nothing else. */
@QuarkusTest
class AccountScopeTest {

    @Inject
    TestDatabase db;

    @Test
    void aScopedViewerSeesOnlyItsAccountsFindings() {
        ScopeFixture scope = ScopeFixture.create();
        List<String> accounts = scope.viewerOfA().request().body("{\"Filters\":{" + scope.productFilter() + "}}")
                .post("/findings").then().statusCode(200).extract().jsonPath().getList("Findings.AwsAccountId");
        scope.assertOnlyAccountA(accounts);
        List<String> asked = scope.viewerOfA().request().body("{\"Filters\":{\"AwsAccountId\":[{\"Value\":\"" + scope.accountB()
                + "\",\"Comparison\":\"EQUALS\"}]}}").post("/findings").then().statusCode(200).extract().jsonPath()
                .getList("Findings.AwsAccountId");
        assertThat(asked).as("asking for another account by name finds nothing").isEmpty();
    }

    @Test
    void aScopedAnalystCannotUpdateAnotherAccountsFinding() {
        ScopeFixture scope = ScopeFixture.create();
        var response = scope.analystOfA().request().body("{\"FindingIdentifiers\":["
                        + "{\"ProductArn\":\"" + scope.productArn() + "\",\"Id\":\"" + scope.findingOfA() + "\"},"
                        + "{\"ProductArn\":\"" + scope.productArn() + "\",\"Id\":\"" + scope.findingOfB() + "\"}],"
                        + "\"Workflow\":{\"Status\":\"RESOLVED\"}}")
                .patch("/findings/batchupdate").then().statusCode(200).extract().jsonPath();
        assertThat(response.getList("ProcessedFindings.Id")).containsExactly(scope.findingOfA());
        assertThat(response.getList("UnprocessedFindings.ErrorCode")).containsExactly("FindingNotFound");
        assertThat(db.document(scope.productArn(), scope.findingOfB()).path("Workflow").path("Status").asText()).isEqualTo("NEW");
        assertThat(db.document(scope.productArn(), scope.findingOfA()).path("Workflow").path("Status").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void aScopedProducerImportsOnlyForItsAccountsAndProducts() {
        String product = Asff.newProductArn();
        String otherProduct = Asff.newProductArn();
        var producer = TestCallers.producer(List.of("111111111111"), List.of(product));
        var response = producer.request().body(importBody(
                        finding(product, "mine").put("AwsAccountId", "111111111111"),
                        finding(product, "other-account").put("AwsAccountId", "222222222222"),
                        finding(otherProduct, "other-product").put("AwsAccountId", "111111111111")))
                .post("/findings/import").then().statusCode(200)
                .body("SuccessCount", equalTo(1)).body("FailedCount", equalTo(2)).extract().jsonPath();
        assertThat(response.getList("FailedFindings.ErrorCode")).containsOnly("AccessDeniedException");
        assertThat(response.getString("FailedFindings[0].ErrorMessage")).contains("222222222222");
        assertThat(response.getString("FailedFindings[1].ErrorMessage")).contains(otherProduct);
        assertThat(db.findings(product)).isEqualTo(1);
        assertThat(db.findings(otherProduct)).isZero();
    }

    @Test
    void aScopedProducerCannotTakeOverAnotherAccountsFindingByReusingItsId() {
        ScopeFixture scope = ScopeFixture.create();
        var hijack = finding(scope.productArn(), scope.findingOfB()).put("AwsAccountId", scope.accountA())
                .put("UpdatedAt", "2026-06-01T00:00:00Z").put("Title", "hijacked");
        scope.producerOfA().request().body(importBody(hijack)).post("/findings/import").then().statusCode(200)
                .body("FailedFindings[0].ErrorCode", equalTo("AccessDeniedException"));
        assertThat(db.document(scope.productArn(), scope.findingOfB()).path("Title").asText()).isNotEqualTo("hijacked");
        assertThat(db.document(scope.productArn(), scope.findingOfB()).path("AwsAccountId").asText()).isEqualTo(scope.accountB());
    }

    @Test
    void anUnscopedAdminSeesEveryAccount() {
        ScopeFixture scope = ScopeFixture.create();
        List<String> accounts = Api.getFindings("{\"Filters\":{" + scope.productFilter() + "}}").then().statusCode(200)
                .extract().jsonPath().getList("Findings.AwsAccountId");
        assertThat(accounts).containsExactlyInAnyOrder(scope.accountA(), scope.accountB());
    }
}
