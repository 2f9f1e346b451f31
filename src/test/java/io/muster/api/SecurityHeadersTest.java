package io.muster.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every page and answer carries the browser protections: a Content-Security-Policy without inline script that
 * forbids framing, nosniff, no referrer; and the dashboard's HTML is revalidated on every load, never cached
 * as immutable, so a new version of Muster is what the browser shows.
 */
@QuarkusTest
class SecurityHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/findings.html", "/login", "/dashboard/dashboard.js", "/findings"})
    void everyResponseCarriesTheBrowserProtections(String path) {
        Response response = given().redirects().follow(false).get(path);
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("script-src 'self' 'unsafe-inline'").doesNotContain("unsafe-eval");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/standards.html"})
    void theDashboardsHtmlIsNeverCachedAsImmutable(String path) {
        Response response = given().redirects().follow(false).get(path);
        assertThat(response.statusCode()).isLessThan(400);
        assertThat(response.header("Cache-Control")).isNotNull().doesNotContain("immutable").contains("no-cache");
    }
}
