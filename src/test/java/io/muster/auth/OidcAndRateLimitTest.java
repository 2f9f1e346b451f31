package io.muster.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.muster.api.Json;
import io.muster.testing.OpenApiContract;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect bearer tokens — signed here with a test key whose public half Muster is configured
 * with, as an identity provider would sign them — and per-credential rate limits.
 */
@QuarkusTest
@TestProfile(OidcAndRateLimitTest.OidcProfile.class)
class OidcAndRateLimitTest {

    static final String ISSUER = "https://idp.example.test/realms/security";
    /** The provider's key: a fixed test key pair (src/test/resources/oidc), the same in every class loader. */
    static final KeyPair IDP = load();
    static final KeyPair OTHER = generate();

    public static class OidcProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.application-type", "service",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(IDP.getPublic().getEncoded()),
                    "quarkus.oidc.token.issuer", ISSUER,
                    "muster.auth.oidc.role-mapping.\"sec-analysts\"", "analyst",
                    "muster.auth.oidc.role-mapping.\"sec-admins\"", "admin",
                    "muster.auth.oidc.account-scope-claim", "aws_accounts",
                    "%test.muster.auth.rate-limit", "1",
                    "muster.auth.rate-burst", "3");
        }
    }

    @Test
    void aTokenFromTheProviderGetsTheRoleItsGroupsMapTo() {
        String token = token(IDP.getPrivate(), Map.of("groups", List.of("staff", "sec-analysts")), 300);
        bearer(token).body("{\"MaxResults\":1}").post("/findings").then().statusCode(200);
        bearer(token).get("/credentials").then().statusCode(403).body("Code", org.hamcrest.Matchers.equalTo("AccessDeniedException"))
                .body("Message", containsString("oidc/alice"));
    }

    @Test
    void theAccountScopeComesFromAClaim() {
        String token = token(IDP.getPrivate(), Map.of("groups", List.of("sec-admins"), "aws_accounts", List.of("111111111111")), 300);
        List<String> accounts = bearer(token).body("{\"MaxResults\":100}").post("/findings").then().statusCode(200)
                .extract().jsonPath().getList("Findings.AwsAccountId");
        assertThat(accounts).allMatch("111111111111"::equals);
    }

    @Test
    void tokensThatAreForgedExpiredOrUnmappedAreRefused() {
        bearer(token(OTHER.getPrivate(), Map.of("groups", List.of("sec-admins")), 300)).body("{}").post("/findings").then()
                .statusCode(403).header("x-amzn-ErrorType", "UnrecognizedClientException");
        bearer(token(IDP.getPrivate(), Map.of("groups", List.of("sec-admins")), -600)).body("{}").post("/findings").then()
                .statusCode(403).header("x-amzn-ErrorType", "UnrecognizedClientException");
        bearer(token(IDP.getPrivate(), Map.of("groups", List.of("marketing")), 300)).body("{}").post("/findings").then()
                .statusCode(403).header("x-amzn-ErrorType", "AccessDeniedException").body("Message", containsString("no Muster role"));
        bearer("not.a.jwt").body("{}").post("/findings").then().statusCode(403);
    }

    @Test
    void aCredentialOverItsRateIsThrottledWithLimitExceeded() {
        var caller = TestCallers.viewer();
        List<Integer> statuses = new ArrayList<>();
        io.restassured.response.Response throttled = null;
        // 1 request a second with bursts of 3: forty quick requests must meet the limit however slow the machine.
        for (int i = 0; i < 40 && throttled == null; i++) {
            var response = caller.request().body("{\"MaxResults\":1}").post("/findings").then().extract().response();
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                throttled = response;
            }
        }
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(throttled).as("a 429 among %s", statuses).isNotNull();
        assertThat(throttled.header("x-amzn-ErrorType")).isEqualTo("LimitExceededException");
        assertThat(throttled.jsonPath().getString("Message")).contains("Rate exceeded");
    }

    private static RequestSpecification bearer(String token) {
        return given().filter(OpenApiContract.INSTANCE).contentType("application/json").header("Authorization", "Bearer " + token);
    }

    /** A JWT as an identity provider signs it (RS256). */
    static String token(PrivateKey key, Map<String, Object> claims, long lifetimeSeconds) {
        long now = Instant.now().getEpochSecond();
        var payload = Json.object().put("iss", ISSUER).put("sub", "alice-id").put("preferred_username", "alice")
                .put("iat", now - 5).put("exp", now + lifetimeSeconds);
        claims.forEach((name, value) -> payload.set(name, Json.MAPPER.valueToTree(value)));
        String signingInput = base64(Json.write(Json.object().put("alg", "RS256").put("typ", "JWT"))) + "." + base64(Json.write(payload));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair load() {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(pem("/oidc/idp-private.pem")));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(pem("/oidc/idp-public.pem")));
            return new KeyPair(publicKey, privateKey);
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(String resource) throws java.io.IOException {
        try (var in = OidcAndRateLimitTest.class.getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
