package io.muster.account;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.Sdk;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * Account names (Muster's extension of the registry): set with CreateMembers' AccountName or UpdateMember, given
 * to findings imported for the account as AwsAccountName, and so found by GetFindings' AwsAccountName filter.
 */
@QuarkusTest
class AccountNamesTest {

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
    void findingsImportedForANamedMemberAreFoundByItsName() {
        String account = Accounts.fresh();
        String name = "payments-prod-" + account;
        String product = Asff.newProductArn();
        Api.post("/members", "{\"AccountDetails\":[{\"AccountId\":\"" + account + "\"}]}").statusCode(200);
        Api.patch("/members/" + account, "{\"AccountName\":\"" + name + "\"}").statusCode(200)
                .body("Member.AccountId", equalTo(account)).body("Member.AccountName", equalTo(name))
                .body("Member.MemberStatus", equalTo("Enabled"));

        Api.importFindings(importBody(finding(product, "named").put("AwsAccountId", account),
                finding(product, "provider-named").put("AwsAccountId", account).put("AwsAccountName", "as the provider says"),
                finding(product, "unnamed"))).statusCode(200).body("SuccessCount", equalTo(3));

        List<AwsSecurityFinding> found = client.getFindings(r -> r.filters(AwsSecurityFindingFilters.builder()
                .awsAccountName(StringFilter.builder().value(name).comparison(StringFilterComparison.EQUALS).build())
                .productArn(StringFilter.builder().value(product).comparison(StringFilterComparison.EQUALS).build()).build())).findings();
        assertThat(found).extracting(AwsSecurityFinding::id).containsExactly("named");
        assertThat(found.get(0).awsAccountName()).isEqualTo(name);
        // the provider's own name wins, and an account that is not a member gets none
        List<AwsSecurityFinding> all = client.getFindings(r -> r.filters(AwsSecurityFindingFilters.builder()
                .productArn(StringFilter.builder().value(product).comparison(StringFilterComparison.EQUALS).build()).build())).findings();
        assertThat(all).filteredOn(f -> f.id().equals("provider-named")).singleElement()
                .extracting(AwsSecurityFinding::awsAccountName).isEqualTo("as the provider says");
        assertThat(all).filteredOn(f -> f.id().equals("unnamed")).singleElement().extracting(AwsSecurityFinding::awsAccountName).isNull();
    }

    @Test
    void aNameGivenAtCreationOrChangedLaterNamesTheFindingsImportedAfterwards() {
        String account = Accounts.fresh();
        String product = Asff.newProductArn();
        Api.post("/members", "{\"AccountDetails\":[{\"AccountId\":\"" + account + "\",\"Email\":\"a@example.com\",\"AccountName\":\"first\"}]}")
                .statusCode(200).body("UnprocessedAccounts.size()", equalTo(0));
        Api.importFindings(importBody(finding(product, "before").put("AwsAccountId", account))).statusCode(200);

        Api.patch("/members/" + account, "{\"AccountName\":\"second\"}").statusCode(200).body("Member.Email", equalTo("a@example.com"));
        Api.importFindings(importBody(finding(product, "after").put("AwsAccountId", account))).statusCode(200);

        assertThat(namesByFinding(product)).containsEntry("before", "first").containsEntry("after", "second");
        Api.post("/members/get", "{\"AccountIds\":[\"" + account + "\"]}").statusCode(200).body("Members[0].AccountName", equalTo("second"));

        // an empty string removes the name: later findings get none
        Api.patch("/members/" + account, "{\"AccountName\":\"\"}").statusCode(200);
        Api.importFindings(importBody(finding(product, "unnamed").put("AwsAccountId", account))).statusCode(200);
        assertThat(namesByFinding(product)).containsEntry("unnamed", null);
        Api.post("/members/get", "{\"AccountIds\":[\"" + account + "\"]}").statusCode(200)
                .body("Members[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("AccountName")));
    }

    @Test
    void updateMemberRefusesWhatItCannotDo() {
        String member = Accounts.fresh();
        Api.post("/members", "{\"AccountDetails\":[{\"AccountId\":\"" + member + "\"}]}").statusCode(200);

        Api.patch("/members/" + Accounts.fresh(), "{\"AccountName\":\"x\"}").statusCode(404).body("Code", equalTo("ResourceNotFoundException"));
        Api.patch("/members/not-an-account", "{\"AccountName\":\"x\"}").statusCode(400).body("Message", containsString("12 digits"));
        Api.patch("/members/" + member, "{}").statusCode(400).body("Message", containsString("AccountName"));
        Api.patch("/members/" + member, "{\"AccountName\":\"   \"}").statusCode(400).body("Message", containsString("AccountName"));
        Api.patch("/members/" + member, "{\"AccountName\":\"" + "n".repeat(257) + "\"}").statusCode(400)
                .body("Message", containsString("AccountName"));
        Api.patch("/members/" + member, "{\"Nickname\":\"x\"}").statusCode(400).body("Message", containsString("Nickname"));
        Api.post("/members", "{\"AccountDetails\":[{\"AccountId\":\"" + Accounts.fresh() + "\",\"AccountName\":\" \"}]}").statusCode(400)
                .body("Message", containsString("AccountDetails[0].AccountName"));
        // another tenant cannot name an account outside its scope
        TestCallers.accessKey("ADMIN", List.of(Accounts.fresh()), List.of()).request().body("{\"AccountName\":\"mine now\"}")
                .patch("/members/" + member).then().statusCode(404);
        // and an analyst may not name accounts at all
        TestCallers.analyst().request().body("{\"AccountName\":\"x\"}").patch("/members/" + member).then().statusCode(403)
                .body("Code", equalTo("AccessDeniedException"));
    }

    private java.util.Map<String, String> namesByFinding(String product) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        client.getFindings(r -> r.filters(AwsSecurityFindingFilters.builder()
                .productArn(StringFilter.builder().value(product).comparison(StringFilterComparison.EQUALS).build()).build()))
                .findings().forEach(f -> names.put(f.id(), f.awsAccountName()));
        return names;
    }
}
