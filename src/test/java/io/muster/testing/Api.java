package io.muster.testing;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** REST Assured calls to Muster's API as the test administrator, every response checked against openapi/openapi.yaml. */
public final class Api {

    private Api() {
    }

    /** A request as the test administrator. */
    public static RequestSpecification request() {
        return TestCallers.ADMIN.request();
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
