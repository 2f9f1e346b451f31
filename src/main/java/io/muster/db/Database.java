package io.muster.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.Arc;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The active database. Connections taken inside a transaction are enlisted in it (Narayana JTA), so all
 * writes of one {@code @Transactional} call commit or roll back together.
 */
@ApplicationScoped
public class Database {

    @Inject
    DatabaseConfig config;

    private DatabaseKind kind;
    private AgroalDataSource dataSource;

    @PostConstruct
    void select() {
        kind = DatabaseKind.ofUrl(config.url());
        dataSource = Arc.container().select(AgroalDataSource.class, new DataSource.DataSourceLiteral(kind.datasource())).get();
    }

    public DatabaseKind kind() {
        return kind;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
