package io.muster.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** REST Assured calls to Muster's API, every response checked against openapi/openapi.yaml. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification request() {
        return given().filter(OpenApiContract.INSTANCE).contentType(ContentType.JSON);
    }

    public static ValidatableResponse post(String path, String body) {
        return request().body(body).post(path).then();
    }

    public static ValidatableResponse patch(String path, String body) {
        return request().body(body).patch(path).then();
    }

    public static ValidatableResponse importFindings(String body) {
        return post("/findings/import", body);
    }

    public static Response getFindings(String body) {
        return request().body(body).post("/findings");
    }
}
