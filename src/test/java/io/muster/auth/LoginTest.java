package io.muster.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.muster.testing.OpenApiContract;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** People sign in with a password, get a session cookie and a CSRF token, and sign out. */
@QuarkusTest
class LoginTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void aSignedInAnalystWorksWithItsSessionAndCsrfToken() {
        String user = newUser("ANALYST");
        Response signIn = signIn(user, PASSWORD).then().statusCode(200)
                .body("UserName", equalTo(user)).body("Role", equalTo("ANALYST")).extract().response();
        String session = signIn.cookie(AuthFilter.SESSION_COOKIE);
        String csrf = signIn.path("CsrfToken");
        assertThat(signIn.getDetailedCookie(AuthFilter.SESSION_COOKIE).isHttpOnly()).isTrue();
        assertThat(signIn.getDetailedCookie(AuthFilter.SESSION_COOKIE).getSameSite()).isEqualTo("Strict");
        assertThat(signIn.cookie(LoginResource.CSRF_COOKIE)).isEqualTo(csrf);

        asSession(session).header(AuthFilter.CSRF_HEADER, csrf).body("{\"MaxResults\":1}").post("/findings").then().statusCode(200);
        asSession(session).header(AuthFilter.CSRF_HEADER, csrf).get("/credentials").then().statusCode(403)
                .body("Code", equalTo("AccessDeniedException"));
    }

    @Test
    void aStateChangingCallWithoutTheCsrfTokenIsRefused() {
        String user = newUser("ANALYST");
        Response signIn = signIn(user, PASSWORD).then().statusCode(200).extract().response();
        String session = signIn.cookie(AuthFilter.SESSION_COOKIE);
        asSession(session).body("{\"MaxResults\":1}").post("/findings").then().statusCode(403)
                .body("Message", containsString("X-CSRF-Token"));
        asSession(session).header(AuthFilter.CSRF_HEADER, "forged").body("{\"MaxResults\":1}").post("/findings").then()
                .statusCode(403);
        asSession(session).get("/q/openapi").then().statusCode(200);
    }

    @Test
    void signingOutEndsTheSession() {
        String user = newUser("VIEWER");
        Response signIn = signIn(user, PASSWORD).then().statusCode(200).extract().response();
        String session = signIn.cookie(AuthFilter.SESSION_COOKIE);
        String csrf = signIn.path("CsrfToken");
        asSession(session).post("/logout").then().statusCode(403);
        Response out = asSession(session).header(AuthFilter.CSRF_HEADER, csrf).post("/logout").then().statusCode(204).extract().response();
        assertThat(out.getDetailedCookie(AuthFilter.SESSION_COOKIE).getMaxAge()).isZero();
        asSession(session).header(AuthFilter.CSRF_HEADER, csrf).body("{}").post("/findings").then().statusCode(401)
                .header("x-amzn-ErrorType", "InvalidAccessException");
    }

    @Test
    void wrongPasswordsAreRefusedAndRepeatedFailuresLockTheUserName() {
        String user = newUser("VIEWER");
        signIn(user, "not the password at all").then().statusCode(401).body("Message", equalTo("Wrong user name or password"));
        signIn("nobody-" + UUID.randomUUID(), PASSWORD).then().statusCode(401).body("Message", equalTo("Wrong user name or password"));
        for (int i = 0; i < 4; i++) {
            signIn(user, "still the wrong one").then().statusCode(401);
        }
        signIn(user, PASSWORD).then().statusCode(429).header("x-amzn-ErrorType", "LimitExceededException");
    }

    @Test
    void theFormSignsInAndRedirects() {
        String user = newUser("VIEWER");
        Response ok = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", user).formParam("password", PASSWORD).post("/login");
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.header("Location")).endsWith("/");
        assertThat(ok.cookie(AuthFilter.SESSION_COOKIE)).isNotBlank();
        Response failed = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", user).formParam("password", "wrong").post("/login");
        assertThat(failed.statusCode()).isEqualTo(303);
        assertThat(failed.header("Location")).endsWith("/login?failed=true");
    }

    @Test
    void theLoginPageIsPublicAndHardened() {
        given().get("/login").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<form method=\"post\" action=\"/login\">"));
        given().get("/login?failed=true").then().statusCode(200).body(containsString("Wrong user name or password"));
    }

    @Test
    void disablingAUserEndsItsSessions() {
        String user = newUser("ANALYST");
        Response signIn = signIn(user, PASSWORD).then().statusCode(200).extract().response();
        TestCallers.ADMIN.request().body("{\"Status\":\"DISABLED\"}").patch("/users/" + user).then().statusCode(200)
                .body("User.Status", equalTo("DISABLED"));
        asSession(signIn.cookie(AuthFilter.SESSION_COOKIE)).header(AuthFilter.CSRF_HEADER, (String) signIn.path("CsrfToken"))
                .body("{}").post("/findings").then().statusCode(401);
        signIn(user, PASSWORD).then().statusCode(401);
    }

    @Test
    void usersAreManagedByAdministratorsWithClearErrors() {
        TestCallers.ADMIN.request().body("{\"UserName\":\"short-pw\",\"Password\":\"short\",\"Role\":\"VIEWER\"}").post("/users")
                .then().statusCode(400).body("Message", containsString("at least 12"));
        String user = newUser("VIEWER");
        TestCallers.ADMIN.request().body("{\"UserName\":\"" + user + "\",\"Password\":\"" + PASSWORD + "\",\"Role\":\"VIEWER\"}")
                .post("/users").then().statusCode(409);
        TestCallers.ADMIN.request().get("/users").then().statusCode(200).body("Users.UserName", org.hamcrest.Matchers.hasItem(user))
                .body(org.hamcrest.Matchers.not(containsString("pbkdf2")));
        TestCallers.ADMIN.request().delete("/users/" + user).then().statusCode(200);
        TestCallers.ADMIN.request().delete("/users/" + user).then().statusCode(404);
    }

    private static String newUser(String role) {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
        TestCallers.ADMIN.request().body("{\"UserName\":\"" + name + "\",\"Password\":\"" + PASSWORD + "\",\"Role\":\"" + role + "\"}")
                .post("/users").then().statusCode(200).body("User.UserName", equalTo(name));
        return name;
    }

    private static Response signIn(String user, String password) {
        return given().filter(OpenApiContract.INSTANCE).contentType(ContentType.JSON)
                .body("{\"UserName\":\"" + user + "\",\"Password\":\"" + password + "\"}").post("/login");
    }

    private static RequestSpecification asSession(String session) {
        return given().filter(OpenApiContract.INSTANCE).contentType(ContentType.JSON).cookie(AuthFilter.SESSION_COOKIE, session);
    }
}
