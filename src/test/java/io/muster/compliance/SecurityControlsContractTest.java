package io.muster.compliance;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The security control and association operations on the wire, every answer checked against openapi/openapi.yaml
 * (the SDK tests prove the SDK reads them; these prove the description says what Muster sends), for each parameter
 * type and for the refusals inside a 200.
 */
@QuarkusTest
class SecurityControlsContractTest {

    private static final String CIS_120 = ControlStatusTest.CIS_120;

    @Test
    void definitionsOfEveryParameterTypeMatchTheDescription() {
        for (String id : List.of("ACM.1", "EC2.18", "RDS.14", "Kinesis.3", "IAM.7", "Lambda.5", "RDS.42", "EC2.55", "ACM.2")) {
            admin().queryParam("SecurityControlId", id).get("/securityControl/definition").then().statusCode(200)
                    .body("SecurityControlDefinition.SecurityControlId", equalTo(id));
        }
        admin().queryParam("SecurityControlId", "Kinesis.3").get("/securityControl/definition").then()
                .body("SecurityControlDefinition.ParameterDefinitions.minimumBackupRetentionPeriod.ConfigurationOptions.String.DefaultValue",
                        equalTo("168"));
        admin().queryParam("SecurityControlId", "Nope.1").get("/securityControl/definition").then().statusCode(404);
        admin().get("/securityControl/definition").then().statusCode(400);
        admin().queryParam("MaxResults", 100).get("/securityControls/definitions").then().statusCode(200)
                .body("SecurityControlDefinitions.find { it.SecurityControlId == 'ACM.1' }.CustomizableProperties", contains("Parameters"));
    }

    @Test
    void anUpdateAndTheControlsItChangesMatchTheDescription() {
        String account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        TestCallers.TestCaller caller = TestCallers.accessKey("ADMIN", List.of(account), List.of());
        caller.request().body("""
                {"SecurityControlId":"IAM.7","LastUpdateReason":"Password policy of the security team",
                 "Parameters":{"MinimumPasswordLength":{"ValueType":"CUSTOM","Value":{"Integer":16}},
                               "RequireSymbols":{"ValueType":"DEFAULT","Value":{"Boolean":false}}}}""")
                .patch("/securityControl/update").then().statusCode(200).body(equalTo("{}"));
        caller.request().body("""
                {"SecurityControlId":"IAM.7","Parameters":{"MinimumPasswordLength":{"ValueType":"CUSTOM","Value":{"Integer":"16"}}}}""")
                .patch("/securityControl/update").then().statusCode(400)
                .body("Message", equalTo("Parameters.MinimumPasswordLength.Value.Integer must be an integer, not \"16\""));
        caller.request().body("""
                {"SecurityControlId":"IAM.7","Parameters":{"MinimumPasswordLength":{"ValueType":"CUSTOM","Value":{"Integer":16,"Boolean":true}}}}""")
                .patch("/securityControl/update").then().statusCode(400);
        caller.request().body("{\"SecurityControlIds\":[\"IAM.7\",\"EC2.18\",\"ACM.2\",\"Nope.1\"]}").post("/securityControls/batchGet").then()
                .statusCode(200)
                .body("SecurityControls[0].Parameters.MinimumPasswordLength.ValueType", equalTo("CUSTOM"))
                .body("SecurityControls[0].Parameters.MinimumPasswordLength.Value.Integer", equalTo(16))
                .body("SecurityControls[0].Parameters.RequireSymbols.Value.Boolean", equalTo(true))
                .body("SecurityControls[0].LastUpdateReason", equalTo("Password policy of the security team"))
                .body("SecurityControls[1].Parameters.authorizedTcpPorts.Value.IntegerList", contains(80, 443))
                .body("SecurityControls[2].Parameters", nullValue())
                .body("UnprocessedIds[0].SecurityControlId", equalTo("Nope.1"));
    }

    @Test
    void associationsMatchTheDescription() {
        admin().queryParam("SecurityControlId", "IAM.4").queryParam("MaxResults", 1).get("/associations").then().statusCode(200)
                .body("StandardsControlAssociationSummaries.size()", equalTo(1));
        admin().queryParam("SecurityControlId", "Nope.1").get("/associations").then().statusCode(400);
        admin().body("""
                {"StandardsControlAssociationIds":[{"SecurityControlId":"IAM.4","StandardsArn":"%s"},
                                                   {"SecurityControlId":"Nope.1","StandardsArn":"%s"}]}""".formatted(CIS_120, CIS_120))
                .post("/associations/batchGet").then().statusCode(200)
                .body("StandardsControlAssociationDetails[0].StandardsControlArns[0]",
                        equalTo("arn:aws:securityhub:us-east-1:000000000000:control/cis-aws-foundations-benchmark/v/1.2.0/1.12"))
                .body("UnprocessedAssociations[0].ErrorCode", equalTo("NOT_FOUND"));
        admin().body("""
                {"StandardsControlAssociationUpdates":[{"SecurityControlId":"IAM.4","StandardsArn":"%s","AssociationStatus":"ENABLED"},
                    {"SecurityControlId":"IAM.4","StandardsArn":"%s","AssociationStatus":"DISABLED"}]}""".formatted(CIS_120, CIS_120))
                .patch("/associations").then().statusCode(200)
                .body("UnprocessedAssociationUpdates.size()", equalTo(1))
                .body("UnprocessedAssociationUpdates[0].ErrorCode", equalTo("INVALID_INPUT"))
                .body("UnprocessedAssociationUpdates[0].StandardsControlAssociationUpdate.AssociationStatus", equalTo("DISABLED"));
        admin().body("{\"StandardsControlAssociationUpdates\":[{\"SecurityControlId\":\"IAM.4\",\"StandardsArn\":\"" + CIS_120
                + "\",\"AssociationStatus\":\"ENABLED\",\"Colour\":\"red\"}]}").patch("/associations").then().statusCode(400)
                .body("Message", equalTo("Unknown member 'Colour' in StandardsControlAssociationUpdates[0]; expected one of AssociationStatus, "
                        + "SecurityControlId, StandardsArn, UpdatedReason"));
    }

    private static RequestSpecification admin() {
        return TestCallers.ADMIN.request();
    }
}
