package io.muster.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.muster.testing.Api;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal speaks Security Hub's error protocol — header {@code x-amzn-ErrorType}, body
 * {@code {"Code","Message"}} — with a message that says what is wrong, and bad input is never a 500.
 */
@QuarkusTest
class ErrorProtocolTest {

    @ParameterizedTest
    @ValueSource(strings = {"/findings", "/findings/import"})
    void malformedJsonIsInvalidInputNamingWhereItBroke(String path) {
        Api.post(path, "{\"Filters\": {").statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException")
                .body("Code", equalTo("InvalidInputException"))
                .body("Message", containsString("not valid JSON"))
                .body("Message", containsString("line 1"))
                .body("Message", not(containsString("com.fasterxml")));
    }

    @Test
    void duplicateKeysAreMalformedNotSilentlyDropped() {
        Api.post("/findings", "{\"MaxResults\":1,\"MaxResults\":2}").statusCode(400)
                .body("Message", containsString("Duplicate field 'MaxResults'"));
    }

    @Test
    void membersOfTheWrongTypeAreInvalidInput() {
        Api.post("/findings", "{\"MaxResults\":\"ten\"}").statusCode(400).body("Message", equalTo("MaxResults must be an integer"));
        Api.post("/findings", "{\"Filters\":[]}").statusCode(400).body("Message", equalTo("Filters must be an object"));
        Api.post("/findings", "[1,2]").statusCode(400).body("Message", equalTo("Request body must be a JSON object"));
        Api.post("/findings", "{\"Filter\":{}}").statusCode(400).body("Message", containsString("Unknown member 'Filter'"));
        Api.post("/findings/import", "{\"Findings\":[1, \"x\", null]}").statusCode(200)
                .body("FailedCount", equalTo(3))
                .body("FailedFindings[0].ErrorMessage", containsString("must be a JSON object"));
    }

    @Test
    void aWrongContentTypeIsRefused() {
        Api.request().contentType(ContentType.XML).body("<Findings/>").post("/findings/import").then()
                .statusCode(415)
                .header("x-amzn-ErrorType", "InvalidInputException")
                .body("Message", containsString("application/json"));
        Api.request().contentType("application/x-amz-json-1.1").body("{}".getBytes()).post("/findings").then().statusCode(200);
    }

    @Test
    void anOversizedBodyIsRefusedWithLimitExceeded() {
        Api.post("/findings", "{\"NextToken\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").statusCode(413)
                .header("x-amzn-ErrorType", "LimitExceededException")
                .body("Message", containsString("GetFindings accepts a request body of at most 1 MB"));
    }

    @Test
    void unknownPathsAndMethodsAreRefusedInTheSameShape() {
        Api.post("/no/such/operation", "{}").statusCode(404)
                .header("x-amzn-ErrorType", "ResourceNotFoundException")
                .body("Message", equalTo("No operation at POST /no/such/operation"));
        Api.request().get("/findings/import").then().statusCode(405)
                .header("x-amzn-ErrorType", "InvalidInputException")
                .body("Message", equalTo("GET is not allowed on /findings/import"));
    }

    @Test
    void everyAnswerCarriesARequestId() {
        Api.post("/findings", "{}").statusCode(200).header("x-amzn-RequestId", org.hamcrest.Matchers.notNullValue());
        Api.post("/findings", "{").statusCode(400).header("x-amzn-RequestId", org.hamcrest.Matchers.notNullValue());
    }
}
