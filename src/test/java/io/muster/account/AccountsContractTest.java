package io.muster.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every account, aggregator and tag route over plain HTTP, each answer (success or error) checked against
 * openapi/openapi.yaml by the contract filter of {@link TestCallers.TestCaller#request()}.
 */
@QuarkusTest
class AccountsContractTest {

    @Test
    void memberRoutesAnswerAsTheSpecSays() {
        String account = Accounts.fresh();
        TestCallers.TestCaller admin = TestCallers.accessKey("ADMIN", List.of(account), List.of());
        admin.request().body("{\"AccountDetails\":[{\"AccountId\":\"" + account + "\",\"Email\":\"x@example.com\",\"AccountName\":\"x\"},"
                + "{\"AccountId\":\"nope\"}]}").post("/members").then().statusCode(200)
                .body("UnprocessedAccounts", hasSize(1)).body("UnprocessedAccounts[0].AccountId", equalTo("nope"));
        admin.request().body("{\"AccountIds\":[\"" + account + "\",\"" + Accounts.fresh() + "\"]}").post("/members/get").then().statusCode(200)
                .body("Members[0].AccountName", equalTo("x")).body("UnprocessedAccounts", hasSize(1));
        admin.request().get("/members?OnlyAssociated=false&MaxResults=1").then().statusCode(200).body("Members", hasSize(1));
        admin.request().get("/members?OnlyAssociated=maybe").then().statusCode(400).body("Message", containsString("OnlyAssociated"));
        admin.request().get("/members?MaxResults=0").then().statusCode(400);
        TestCallers.accessKey("VIEWER", List.of(account), List.of()).request().get("/administrator").then().statusCode(200)
                .body("Administrator.MemberStatus", equalTo("Enabled"));
        TestCallers.accessKey("VIEWER", List.of(account), List.of()).request().get("/master").then().statusCode(200)
                .body("Master.MemberStatus", equalTo("Enabled"));
        admin.request().get("/administrator").then().statusCode(200);
        admin.request().body("{\"AccountName\":\"y\"}").patch("/members/" + account).then().statusCode(200).body("Member.AccountName", equalTo("y"));
        admin.request().body("{\"AccountIds\":[\"" + account + "\"]}").post("/members/disassociate").then().statusCode(200);
        admin.request().body("{\"AccountIds\":[\"" + Accounts.fresh() + "\"]}").post("/members/disassociate").then().statusCode(404);
        admin.request().body("{\"AccountIds\":\"" + account + "\"}").post("/members/delete").then().statusCode(400)
                .body("Message", containsString("AccountIds"));
        admin.request().body("{\"AccountIds\":[\"" + account + "\"]}").post("/members/delete").then().statusCode(200)
                .body("UnprocessedAccounts", hasSize(0));
        admin.request().body("{\"AccountDetails\":[]").post("/members").then().statusCode(400);
        admin.request().body("{}").post("/members").then().statusCode(400).body("Message", containsString("AccountDetails"));
    }

    @Test
    void aggregatorRoutesAnswerAsTheSpecSays() {
        TestCallers.TestCaller admin = TestCallers.accessKey("ADMIN", List.of(Accounts.fresh()), List.of());
        String arn = admin.request().body("{\"RegionLinkingMode\":\"SPECIFIED_REGIONS\",\"Regions\":[\"eu-west-1\"]}")
                .post("/findingAggregator/create").then().statusCode(200).body("Regions[0]", equalTo("eu-west-1"))
                .extract().path("FindingAggregatorArn");
        admin.request().get("/findingAggregator/get/" + arn).then().statusCode(200).body("RegionLinkingMode", equalTo("SPECIFIED_REGIONS"));
        admin.request().get("/findingAggregator/list").then().statusCode(200).body("FindingAggregators[0].FindingAggregatorArn", equalTo(arn));
        admin.request().body("{\"FindingAggregatorArn\":\"" + arn + "\",\"RegionLinkingMode\":\"NO_REGIONS\"}").patch("/findingAggregator/update")
                .then().statusCode(200).body("Regions", hasSize(0));
        admin.request().body("{\"RegionLinkingMode\":\"NO_REGIONS\",\"Extra\":1}").post("/findingAggregator/create").then().statusCode(400)
                .body("Message", containsString("Extra"));
        admin.request().delete("/findingAggregator/delete/" + arn).then().statusCode(200);
        admin.request().get("/findingAggregator/get/" + arn).then().statusCode(404);
    }

    @Test
    void tagRoutesAnswerAsTheSpecSays() {
        String account = Accounts.fresh();
        String hub = "arn:aws:securityhub:eu-west-1:" + account + ":hub/default";
        TestCallers.TestCaller admin = TestCallers.accessKey("ADMIN", List.of(account), List.of());
        admin.request().body("{\"Tags\":{\"Team\":\"blue\"}}").post("/tags/" + hub).then().statusCode(200);
        admin.request().get("/tags/" + hub).then().statusCode(200).body("Tags.Team", equalTo("blue"));
        // repeated query parameters, sent with an API token (the AWS SDK's signed form is covered by ResourceTagsSdkTest)
        TestCallers.token("ADMIN", List.of(account)).request().delete("/tags/" + hub + "?tagKeys=Team&tagKeys=Other").then().statusCode(200);
        admin.request().get("/tags/" + hub).then().statusCode(200).body("Tags.size()", equalTo(0));
        admin.request().body("{\"Tags\":{}}").post("/tags/" + hub).then().statusCode(400).body("Message", containsString("1 to 50"));
        admin.request().body("{\"Tags\":{\"Team\":7}}").post("/tags/" + hub).then().statusCode(400).body("Message", containsString("Tags.Team"));
        admin.request().body("{\"Tags\":{\"a\":\"b\"}}").post("/tags/arn:aws:securityhub:eu-west-1:" + Accounts.fresh() + ":hub/default")
                .then().statusCode(403).body("Code", equalTo("AccessDeniedException"));
        admin.request().get("/tags/arn:aws:securityhub:eu-west-1:" + account + ":configuration-policy/x").then().statusCode(404);
    }
}
