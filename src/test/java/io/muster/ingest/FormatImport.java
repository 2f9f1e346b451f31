package io.muster.ingest;

import io.muster.testing.Api;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Posting documents to /findings/import/{format} as the test administrator, and reading test resources. */
final class FormatImport {

    private FormatImport() {
    }

    static JsonPath post(String format, String query, byte[] body) {
        return Api.request().body(body).post("/findings/import/" + format + (query.isEmpty() ? "" : "?" + query))
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath post(String format, byte[] body) {
        return post(format, "", body);
    }

    static byte[] resource(String path) {
        try (InputStream in = FormatImport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
