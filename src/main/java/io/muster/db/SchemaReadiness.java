package io.muster.db;

import io.quarkus.arc.Arc;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/** Ready only when the database answers and every migration has been applied. */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {

    @Inject
    Database database;

    /** Migrations never un-apply: once the schema was seen current, only the connection is checked again. */
    private volatile String migratedVersion;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("muster-database").withData("database", database.kind().datasource());
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            if (migratedVersion != null) {
                return response.withData("schemaVersion", migratedVersion).withData("pendingMigrations", 0).up().build();
            }
            Flyway flyway = Arc.container()
                    .select(Flyway.class, FlywayDataSource.FlywayDataSourceLiteral.of(database.kind().datasource())).get();
            var info = flyway.info();
            int pending = info.pending().length;
            var current = info.current();
            if (pending == 0 && current != null) {
                migratedVersion = current.getVersion().getVersion();
            }
            return response.withData("schemaVersion", current == null ? "none" : current.getVersion().getVersion())
                    .withData("pendingMigrations", pending)
                    .status(pending == 0 && current != null)
                    .build();
        } catch (Exception e) {
            return response.withData("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .down().build();
        }
    }
}
