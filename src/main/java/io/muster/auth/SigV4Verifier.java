package io.muster.auth;

import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4CanonicalRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.BinaryUtils;

/**
 * Verifies AWS Signature Version 4, the way Security Hub's clients sign: it reads the credential scope
 * and signed headers from the {@code Authorization} header, rebuilds the request from exactly those
 * headers, the path, the query and the body, signs it again with the AWS SDK's own SigV4 code (canonical
 * request, credential scope, signing key) using the key's secret and the request's {@code X-Amz-Date}, and
 * compares the signatures in constant time. Any region is accepted; the service must be {@code securityhub}.
 */
@ApplicationScoped
public class SigV4Verifier {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SERVICE = "securityhub";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * What the verifier needs of an HTTP request: header names in lower case, and the SHA-256 of the body
     * as received (hex). The hash is asked for only once the access key is known to be Muster's, so a
     * request with a made-up key is refused before its body is read.
     */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            java.util.function.Supplier<String> payloadSha256) {

        public Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
            this(method, rawPath, rawQuery, headers, hashOf(body));
        }

        private static java.util.function.Supplier<String> hashOf(byte[] body) {
            String hash = BinaryUtils.toHex(SignerUtils.hash(body));
            return () -> hash;
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : String.join(",", values);
        }
    }

    @Inject
    CredentialService credentials;

    @Inject
    AuthConfig config;

    /** The caller whose key signed the request; refuses it as the AWS endpoints do otherwise. */
    public Caller verify(Request request, Instant now) {
        Matcher authorization = AUTHORIZATION.matcher(request.header("authorization"));
        if (!authorization.matches()) {
            throw incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters "
                    + "in the form AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/securityhub/aws4_request, "
                    + "SignedHeaders=<headers>, Signature=<signature>");
        }
        String[] scope = authorization.group(1).split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw incomplete("Credential must have the form <access key id>/<yyyyMMdd>/<region>/securityhub/aws4_request");
        }
        String accessKeyId = scope[0];
        String region = scope[2];
        if (!SERVICE.equals(scope[3])) {
            throw invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'.");
        }
        List<String> signedHeaders = List.of(authorization.group(2).toLowerCase(Locale.ROOT).split(";"));
        if (!signedHeaders.contains("host")) {
            throw incomplete("'Host' must be a signed header");
        }
        String amzDate = request.header("x-amz-date");
        if (amzDate == null) {
            throw incomplete("Authorization header requires existence of the 'X-Amz-Date' header");
        }
        if (!signedHeaders.contains("x-amz-date")) {
            throw incomplete("'X-Amz-Date' must be a signed header");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw incomplete("X-Amz-Date '" + amzDate + "' is not of the form yyyyMMdd'T'HHmmss'Z'");
        }
        if (!amzDate.startsWith(scope[1])) {
            throw invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + scope[1] + "' != '" + amzDate.substring(0, 8) + "'");
        }
        checkClock(signedAt, now);
        CredentialService.ActiveKey key = credentials.activeAccessKey(accessKeyId, now)
                .orElseThrow(() -> new ApiException(ErrorCode.UnrecognizedClientException,
                        "The security token included in the request is invalid."));
        String payloadSha256 = request.payloadSha256().get();
        String contentSha = request.header("x-amz-content-sha256");
        if (contentSha != null && !contentSha.equalsIgnoreCase(payloadSha256)) {
            throw invalidSignature("The x-amz-content-sha256 header does not match the SHA-256 of the request body");
        }
        SdkHttpRequest rebuilt = rebuild(request, signedHeaders);
        String presented = authorization.group(3).toLowerCase(Locale.ROOT);
        for (String secret : key.secrets()) {
            if (Secrets.constantTimeEquals(presented, signature(rebuilt, payloadSha256, accessKeyId, secret, region, signedAt))) {
                return key.credential().caller().inRegion(region);
            }
        }
        throw invalidSignature("The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method.");
    }

    private void checkClock(Instant signedAt, Instant now) {
        Instant earliest = now.minus(config.maxClockSkew());
        Instant latest = now.plus(config.maxClockSkew());
        String window = "(" + AMZ_DATE.format(now) + " ± " + config.maxClockSkew().toMinutes() + " min.)";
        if (signedAt.isBefore(earliest)) {
            throw invalidSignature("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
                    + AMZ_DATE.format(earliest) + " " + window);
        }
        if (signedAt.isAfter(latest)) {
            throw invalidSignature("Signature not yet current: " + AMZ_DATE.format(signedAt) + " is still later than "
                    + AMZ_DATE.format(latest) + " " + window);
        }
    }

    /** The request as the client signed it: only the headers it signed, the path and query as sent. */
    private static SdkHttpRequest rebuild(Request request, List<String> signedHeaders) {
        String host = request.header("host");
        if (host == null) {
            throw incomplete("The request has no Host header");
        }
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol("http")
                .host(host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host)
                .encodedPath(request.rawPath());
        for (String name : signedHeaders) {
            List<String> values = request.headers().get(name);
            if (values == null) {
                throw invalidSignature("The signed header '" + name + "' is not in the request");
            }
            builder.putHeader(name, values);
        }
        for (Map.Entry<String, List<String>> parameter : queryParameters(request.rawQuery()).entrySet()) {
            builder.putRawQueryParameter(parameter.getKey(), parameter.getValue());
        }
        return builder.build();
    }

    /**
     * The signature of the request with this secret, computed with the SDK's own SigV4 building blocks
     * (canonical request, credential scope, signing key). The SDK's complete signer is not used as such
     * because it always adds and signs {@code x-amz-content-sha256}, which botocore-based clients (the AWS
     * CLI, Prowler) do not send.
     */
    private static String signature(SdkHttpRequest request, String payloadHash, String accessKeyId, String secret, String region,
            Instant signedAt) {
        String canonical = new V4CanonicalRequest(request, payloadHash, new V4CanonicalRequest.Options(true, true))
                .getCanonicalRequestString();
        CredentialScope scope = new CredentialScope(region, SERVICE, signedAt);
        String stringToSign = ALGORITHM + "\n" + scope.getDatetime() + "\n" + scope.scope() + "\n"
                + SignerUtils.hashCanonicalRequest(canonical);
        byte[] signingKey = SignerUtils.deriveSigningKey(AwsCredentialsIdentity.create(accessKeyId, secret), scope);
        return BinaryUtils.toHex(SignerUtils.computeSignature(stringToSign, signingKey));
    }

    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static ApiException incomplete(String message) {
        return new ApiException(ErrorCode.IncompleteSignatureException, message);
    }

    private static ApiException invalidSignature(String message) {
        return new ApiException(ErrorCode.InvalidSignatureException, message);
    }

    /** Whether a request carries SigV4 authorization. */
    public static boolean isSigV4(String authorization) {
        return authorization != null && authorization.startsWith(ALGORITHM);
    }

    static Optional<String> accessKeyIdOf(String authorization) {
        Matcher matcher = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
        return matcher.matches() ? Optional.of(matcher.group(1).split("/")[0]) : Optional.empty();
    }
}
