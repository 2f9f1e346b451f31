package io.muster.auth;

import io.muster.db.Database;
import io.muster.db.DatabaseKind;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The first administrator. When Muster has no credentials yet, it creates an admin access key from
 * MUSTER_BOOTSTRAP_ACCESS_KEY_ID / MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY; on the embedded database without
 * them it generates one and prints it once. MUSTER_BOOTSTRAP_ADMIN_PASSWORD likewise creates the dashboard
 * user {@code admin} when it does not exist. There is no anonymous access, in any profile.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    static final String BOOTSTRAP = "bootstrap";

    @Inject
    BootstrapConfig config;

    @Inject
    CredentialService credentials;

    @Inject
    Users users;

    @Inject
    Database database;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    void onStart(@Observes StartupEvent event) {
        if (credentials.noneExist()) {
            createAdminKey();
        }
        config.adminPassword().ifPresent(password -> {
            if (users.find("admin").isEmpty()) {
                try {
                    users.create("admin", password, Role.ADMIN, AccessScope.UNRESTRICTED, BOOTSTRAP);
                    LOG.info("Created the dashboard user 'admin' from MUSTER_BOOTSTRAP_ADMIN_PASSWORD");
                } catch (RuntimeException e) {
                    LOG.errorf("The dashboard user 'admin' could not be created: %s", e.getMessage());
                }
            }
        });
    }

    private void createAdminKey() {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            try {
                credentials.createAccessKey(config.accessKeyId().get(), config.secretAccessKey().get(), "bootstrap administrator",
                        Role.ADMIN, BOOTSTRAP);
                LOG.infof("Created the administrator access key %s from MUSTER_BOOTSTRAP_ACCESS_KEY_ID", config.accessKeyId().get());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("MUSTER_BOOTSTRAP_ACCESS_KEY_ID / _SECRET_ACCESS_KEY: " + e.getMessage());
            } catch (IllegalStateException e) {
                if (credentials.activeAccessKey(config.accessKeyId().get(), Instant.now()).isEmpty()) {
                    // not a race with another replica: the key could not be stored, and nobody could get in
                    throw new IllegalStateException("The bootstrap administrator key from MUSTER_BOOTSTRAP_ACCESS_KEY_ID could not be "
                            + "stored: " + e.getMessage() + ". Set what the message names (for PostgreSQL: MUSTER_AUTH_ENCRYPTION_KEY) "
                            + "and start again.", e);
                }
                LOG.debugf("Another replica created the bootstrap key first: %s", e.getMessage());
            }
            return;
        }
        if (database.kind() != DatabaseKind.H2) {
            LOG.error("Muster has no credentials, so nobody can use it: set MUSTER_BOOTSTRAP_ACCESS_KEY_ID and "
                    + "MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY and restart to create the first administrator key");
            return;
        }
        CredentialService.Issued issued = credentials.create(Credential.Kind.ACCESS_KEY, "generated administrator", Role.ADMIN,
                AccessScope.UNRESTRICTED, BOOTSTRAP);
        String dashboard = "";
        if (config.adminPassword().isEmpty() && users.find("admin").isEmpty()) {
            String password = Secrets.random(18);
            users.create("admin", password, Role.ADMIN, AccessScope.UNRESTRICTED, BOOTSTRAP);
            dashboard = String.format("""

                     The dashboard: http://localhost:%d/ — sign in as  admin  with the password
                       %s
                     (change it under Users, or create your own users with POST /users)
                    """, port, password);
        }
        LOG.warnf("""

                ==================================================================================
                 Muster created an administrator access key. It is shown this once, write it down:

                   aws configure set aws_access_key_id     %s
                   aws configure set aws_secret_access_key %s

                 Then: aws securityhub get-findings --endpoint-url http://localhost:%d
                 (created %s; create more keys with POST /credentials, revoke this one later)
                %s==================================================================================
                """, issued.credential().id(), issued.secret(), port, Instant.now(), dashboard);
    }
}
