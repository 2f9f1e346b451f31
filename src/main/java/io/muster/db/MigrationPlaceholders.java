package io.muster.db;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/**
 * The migrations are one set of files for both databases; the few words that differ come in as Flyway
 * placeholders, set here per database so that an empty value (H2 needs none) is possible.
 */
@ApplicationScoped
public class MigrationPlaceholders {

    @Produces
    @FlywayDataSource("h2")
    FlywayConfigurationCustomizer h2() {
        return placeholdersOf(DatabaseKind.H2);
    }

    @Produces
    @FlywayDataSource("postgresql")
    FlywayConfigurationCustomizer postgresql() {
        return placeholdersOf(DatabaseKind.POSTGRESQL);
    }

    private static FlywayConfigurationCustomizer placeholdersOf(DatabaseKind kind) {
        return configuration -> configuration.placeholders(Map.of("text_collation", kind.textCollation()));
    }
}
