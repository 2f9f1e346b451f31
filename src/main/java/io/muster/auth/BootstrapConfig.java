package io.muster.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The first administrator, created at start-up when Muster has no credentials yet. */
@ConfigMapping(prefix = "muster.bootstrap")
public interface BootstrapConfig {

    /** Access key id of the first admin key pair (env MUSTER_BOOTSTRAP_ACCESS_KEY_ID). */
    Optional<String> accessKeyId();

    /** Its secret access key (env MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY). */
    Optional<String> secretAccessKey();

    /** Password of a first dashboard user "admin" (env MUSTER_BOOTSTRAP_ADMIN_PASSWORD). */
    Optional<String> adminPassword();
}
