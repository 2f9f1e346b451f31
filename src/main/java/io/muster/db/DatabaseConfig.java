package io.muster.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where Muster keeps its data. */
@ConfigMapping(prefix = "muster.db")
public interface DatabaseConfig {

    /**
     * JDBC URL of the database: {@code jdbc:h2:file:…} (embedded, the default under {@code muster.data-dir})
     * or {@code jdbc:postgresql://host:5432/db}. The prefix selects the database.
     */
    String url();

    /** Database user. */
    @WithDefault("muster")
    String username();

    /** Database password (none for H2 files and trust-authenticated PostgreSQL). */
    Optional<String> password();
}
