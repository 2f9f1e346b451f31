package io.muster.testing;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs REST Assured requests with AWS Signature Version 4, as the AWS SDKs do (it uses the SDK's signer),
 * so that every API test goes through Muster's real authentication.
 */
public final class SigV4Signing implements Filter {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final String accessKeyId;
    private final String secret;
    private final Clock clock;

    public SigV4Signing(String accessKeyId, String secret) {
        this(accessKeyId, secret, Clock.systemUTC());
    }

    public SigV4Signing(String accessKeyId, String secret, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.clock = clock;
    }

    /** The signature headers for a request, for tests that build or tamper with requests themselves. */
    public static SdkHttpRequest sign(String method, URI uri, byte[] body, String accessKeyId, String secret, Instant at) {
        return sign(method, uri, Map.of(), body, accessKeyId, secret, at);
    }

    /** The same, signing extra headers too. */
    public static SdkHttpRequest sign(String method, URI uri, Map<String, String> headers, byte[] body, String accessKeyId,
            String secret, Instant at) {
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Host", host);
        headers.forEach(builder::putHeader);
        SdkHttpRequest request = builder.build();
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "securityhub")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return signed.request();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        Object body = request.getBody();
        byte[] bytes = body == null ? new byte[0] : body instanceof byte[] raw ? raw : body.toString().getBytes(StandardCharsets.UTF_8);
        if (body != null && !(body instanceof byte[])) {
            request.body(bytes);
        }
        SdkHttpRequest signed = sign(request.getMethod(), URI.create(request.getURI()), bytes, accessKeyId, secret, clock.instant());
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                request.header(name, values.get(0));
            }
        });
        return context.next(request, response);
    }
}
