package io.muster.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Json;
import io.muster.testing.OpenApiContract;
import io.muster.testing.Sdk;
import io.muster.testing.SigV4Signing;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AccessDeniedException;
import software.amazon.awssdk.services.securityhub.model.SecurityHubException;

/**
 * Signature Version 4, as the AWS clients sign: keys issued by Muster work from the AWS SDK; anything
 * forged, altered, stale or unknown is refused with the error codes the AWS endpoints use.
 */
@QuarkusTest
class SigV4AuthenticationTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    SigV4Verifier verifier;

    @Inject
    CredentialService credentials;

    @Test
    void theAwsSdkWorksWithAMusterIssuedKeyPair() {
        var analyst = TestCallers.analyst();
        try (SecurityHubClient client = client(analyst.accessKeyId(), analyst.secretAccessKey())) {
            assertThat(client.getFindings(b -> b.maxResults(1)).findings()).isNotNull();
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        var analyst = TestCallers.analyst();
        try (SecurityHubClient client = client(analyst.accessKeyId(), analyst.secretAccessKey() + "x")) {
            assertThatThrownBy(() -> client.getFindings(b -> b.maxResults(1)))
                    .isInstanceOf(SecurityHubException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSignatureException"))
                    .satisfies(e -> assertThat(((SecurityHubException) e).statusCode()).isEqualTo(403))
                    .hasMessageContaining("does not match");
        }
    }

    @Test
    void anUnknownKeyIsAnUnrecognizedClient() {
        try (SecurityHubClient client = client("MKNOSUCHKEY000000000", "some-secret-that-is-long")) {
            assertThatThrownBy(() -> client.getFindings(b -> b.maxResults(1)))
                    .isInstanceOf(SecurityHubException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void aRoleWithoutThePermissionGetsTheSdksTypedAccessDenied() {
        var viewer = TestCallers.viewer();
        try (SecurityHubClient client = client(viewer.accessKeyId(), viewer.secretAccessKey())) {
            assertThatThrownBy(() -> client.batchUpdateFindings(b -> b
                    .findingIdentifiers(i -> i.id("x").productArn("arn:aws:securityhub:us-east-1::product/aws/guardduty"))
                    .workflow(w -> w.status("RESOLVED"))))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("not authorized to perform: securityhub:BatchUpdateFindings");
        }
    }

    @Test
    void anSdkWhoseClockIsTenMinutesBehindIsRefused() {
        var analyst = TestCallers.analyst();
        int offset = software.amazon.awssdk.core.SdkGlobalTime.getGlobalTimeOffset();
        software.amazon.awssdk.core.SdkGlobalTime.setGlobalTimeOffset(600);
        try (SecurityHubClient client = client(analyst.accessKeyId(), analyst.secretAccessKey())) {
            assertThatThrownBy(() -> client.getFindings(b -> b.maxResults(1)))
                    .isInstanceOf(SecurityHubException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSignatureException"))
                    .hasMessageContaining("Signature expired");
        } finally {
            software.amazon.awssdk.core.SdkGlobalTime.setGlobalTimeOffset(offset);
        }
    }

    @Test
    void anExpiredTimestampIsRefusedAndSoIsAReplayAfterFiveMinutes() {
        byte[] body = "{\"MaxResults\":1}".getBytes(StandardCharsets.UTF_8);
        URI uri = endpoint.resolve("/findings");
        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));
        SdkHttpRequest captured = SigV4Signing.sign("POST", uri, body, TestCallers.ADMIN.accessKeyId(),
                TestCallers.ADMIN.secretAccessKey(), sixMinutesAgo);
        send(captured, body).then().statusCode(403)
                .header("x-amzn-ErrorType", "InvalidSignatureException")
                .body("Message", containsString("Signature expired"));

        SdkHttpRequest future = SigV4Signing.sign("POST", uri, body, TestCallers.ADMIN.accessKeyId(),
                TestCallers.ADMIN.secretAccessKey(), Instant.now().plus(Duration.ofMinutes(6)));
        send(future, body).then().statusCode(403).body("Message", containsString("not yet current"));

        SdkHttpRequest recent = SigV4Signing.sign("POST", uri, body, TestCallers.ADMIN.accessKeyId(),
                TestCallers.ADMIN.secretAccessKey(), Instant.now().minus(Duration.ofMinutes(4)));
        send(recent, body).then().statusCode(200);
    }

    @Test
    void aBodyOrSignedHeaderChangedAfterSigningIsRefused() {
        byte[] body = "{\"MaxResults\":1}".getBytes(StandardCharsets.UTF_8);
        URI uri = endpoint.resolve("/findings");
        SdkHttpRequest signed = SigV4Signing.sign("POST", uri, Map.of("X-Muster-Trace", "original"), body,
                TestCallers.ADMIN.accessKeyId(), TestCallers.ADMIN.secretAccessKey(), Instant.now());
        send(signed, body).then().statusCode(200);

        send(signed, "{\"MaxResults\":2}".getBytes(StandardCharsets.UTF_8)).then().statusCode(403)
                .header("x-amzn-ErrorType", "InvalidSignatureException");

        given().filter(OpenApiContract.INSTANCE).contentType("application/json")
                .header("X-Amz-Date", signed.firstMatchingHeader("X-Amz-Date").orElseThrow())
                .header("Authorization", signed.firstMatchingHeader("Authorization").orElseThrow())
                .header("X-Muster-Trace", "tampered")
                .body(body).post("/findings").then().statusCode(403)
                .header("x-amzn-ErrorType", "InvalidSignatureException");

        SdkHttpRequest otherPath = SigV4Signing.sign("POST", endpoint.resolve("/findings/import"), body,
                TestCallers.ADMIN.accessKeyId(), TestCallers.ADMIN.secretAccessKey(), Instant.now());
        send(otherPath, body, "/findings").then().statusCode(403).header("x-amzn-ErrorType", "InvalidSignatureException");
    }

    @Test
    void malformedAndMissingAuthorizationAreRefusedClearly() {
        given().filter(OpenApiContract.INSTANCE).contentType("application/json").body("{}").post("/findings").then()
                .statusCode(403).header("x-amzn-ErrorType", "MissingAuthenticationTokenException")
                .body("Message", containsString("Missing Authentication Token"));
        given().filter(OpenApiContract.INSTANCE).contentType("application/json").body("{}")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=broken")
                .header("X-Amz-Date", "20261127T120000Z")
                .post("/findings").then().statusCode(400).header("x-amzn-ErrorType", "IncompleteSignatureException");
        given().filter(OpenApiContract.INSTANCE).contentType("application/json").body("{}")
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .post("/findings").then().statusCode(400).header("x-amzn-ErrorType", "IncompleteSignatureException");
        given().filter(OpenApiContract.INSTANCE).contentType("application/json").body("{}")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + TestCallers.ADMIN.accessKeyId()
                        + "/20261127/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                .header("X-Amz-Date", DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now()))
                .post("/findings").then().statusCode(403).body("Message", containsString("securityhub"));
    }

    /** Signatures computed by an independent, botocore-style implementation (src/test/resources/sigv4). */
    @Test
    void signaturesMadeTheBotocoreWayVerify() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/sigv4/vectors.json")) {
            vectors = Json.MAPPER.readTree(in);
        }
        String keyId = vectors.path("accessKeyId").asText();
        if (credentials.activeAccessKey(keyId, Instant.now()).isEmpty()) {
            credentials.createAccessKey(keyId, vectors.path("secretAccessKey").asText(), "botocore vectors", Role.VIEWER, "test");
        }
        Instant signedAt = Instant.from(DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(vectors.path("amzDate").asText()));
        for (JsonNode vector : vectors.path("vectors")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            vector.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(), List.of(h.getValue().asText())));
            var request = new SigV4Verifier.Request(vector.path("method").asText(), vector.path("path").asText(),
                    vector.path("query").asText(), headers, vector.path("body").asText().getBytes(StandardCharsets.UTF_8));
            assertThat(verifier.verify(request, signedAt.plusSeconds(30)).credentialId()).as(vector.path("name").asText())
                    .isEqualTo(keyId);

            Map<String, List<String>> tampered = new LinkedHashMap<>(headers);
            tampered.put("host", List.of("evil.example.com"));
            var forged = new SigV4Verifier.Request(request.method(), request.rawPath(), request.rawQuery(), tampered, request.payloadSha256());
            assertThatThrownBy(() -> verifier.verify(forged, signedAt.plusSeconds(30))).as(vector.path("name").asText())
                    .hasMessageContaining("does not match");
        }
    }

    private io.restassured.response.Response send(SdkHttpRequest signed, byte[] body) {
        return send(signed, body, signed.encodedPath());
    }

    /** Sends a request signed for one path (and body) to the given path. */
    private io.restassured.response.Response send(SdkHttpRequest signed, byte[] body, String path) {
        var request = given().filter(OpenApiContract.INSTANCE).contentType("application/json");
        List<String> skip = new ArrayList<>(List.of("host"));
        signed.headers().forEach((name, values) -> {
            if (!skip.contains(name.toLowerCase())) {
                request.header(name, values.get(0));
            }
        });
        return request.body(body).post(path);
    }

    private SecurityHubClient client(String keyId, String secret) {
        return Sdk.securityHub(endpoint, keyId, secret);
    }

    private static String code(Throwable e) {
        return ((SecurityHubException) e).awsErrorDetails().errorCode();
    }

    @Test
    void theAuditLogRecordsEveryRefusal() {
        given().filter(OpenApiContract.INSTANCE).contentType("application/json").header("User-Agent", "audit-probe/1.0")
                .body("{}").post("/findings").then().statusCode(403);
        var events = TestCallers.ADMIN.request().get("/audit?MaxResults=20").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> list = events.getList("AuditEvents");
        assertThat(list).anySatisfy(event -> {
            assertThat(event.get("Outcome")).isEqualTo("DENIED");
            assertThat(event.get("Action")).isEqualTo("GetFindings");
            assertThat(event.get("UserAgent")).isEqualTo("audit-probe/1.0");
            assertThat((String) event.get("Reason")).contains("MissingAuthenticationTokenException");
        });
        TestCallers.viewer().request().get("/audit").then().statusCode(403)
                .body("Code", equalTo("AccessDeniedException"));
    }
}
