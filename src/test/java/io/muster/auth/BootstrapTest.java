package io.muster.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.OpenApiContract;
import io.muster.testing.SigV4Signing;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The embedded default without bootstrap settings: Muster generates an administrator key at first start,
 * prints it once, and that key works. Later starts create and print nothing.
 */
@QuarkusTest
@TestProfile(BootstrapTest.FreshEmbeddedHub.class)
class BootstrapTest {

    static final String LOG = "target/bootstrap-test.log";

    public static class FreshEmbeddedHub implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "%test.muster.db.url", "jdbc:h2:mem:bootstrap;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    "%test.muster.bootstrap.access-key-id", "",
                    "%test.muster.bootstrap.secret-access-key", "",
                    "quarkus.log.file.enable", "true",
                    "quarkus.log.file.path", LOG);
        }
    }

    @Inject
    CredentialService credentials;

    @Inject
    Bootstrap bootstrap;

    @Test
    void aGeneratedAdministratorKeyIsPrintedOnceAndWorks() throws Exception {
        List<Credential> all = credentials.list();
        assertThat(all).singleElement().satisfies(c -> {
            assertThat(c.role()).isEqualTo(Role.ADMIN);
            assertThat(c.createdBy()).isEqualTo(Bootstrap.BOOTSTRAP);
        });
        String keyId = all.get(0).id();
        String log = Files.readString(Path.of(LOG));
        Matcher secret = Pattern.compile("aws_access_key_id\\s+" + keyId + "\\s+aws configure set aws_secret_access_key\\s+(\\S+)")
                .matcher(log);
        assertThat(secret.find()).as("the banner names the key and its secret").isTrue();

        given().filter(OpenApiContract.INSTANCE).filter(new SigV4Signing(keyId, secret.group(1)))
                .contentType("application/json").get("/credentials").then().statusCode(200);

        bootstrap.onStart(null);
        assertThat(credentials.list()).hasSize(1);
        assertThat(Pattern.compile("aws_access_key_id\\s+" + keyId).matcher(Files.readString(Path.of(LOG))).results().count())
                .as("printed once").isEqualTo(1);
    }
}
