package io.muster.auth;

import io.muster.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Credentials in the {@code credential} table. */
@ApplicationScoped
public class CredentialStore {

    private static final String COLUMNS = "id, kind, name, role, account_scope, product_scope, secret, previous_secret, "
            + "previous_expires_at, status, created_at, created_by, rotated_at, revoked_at";

    @Inject
    Database database;

    public Optional<Credential> find(String id) {
        List<Credential> found = query("SELECT " + COLUMNS + " FROM credential WHERE id = ?", id);
        return found.stream().findFirst();
    }

    public List<Credential> all() {
        return query("SELECT " + COLUMNS + " FROM credential ORDER BY created_at, id");
    }

    public boolean isEmpty() {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM credential");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Credentials could not be counted", e);
        }
    }

    public void insert(Credential credential) {
        update("INSERT INTO credential (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                credential.id(), credential.kind().name(), credential.name(), credential.role().name(),
                joined(credential.scope().accounts(), ","), joined(credential.scope().products(), "\n"),
                credential.secret(), credential.previousSecret(), time(credential.previousExpiresAt()),
                credential.status().name(), time(credential.createdAt()), credential.createdBy(), time(credential.rotatedAt()),
                time(credential.revokedAt()));
    }

    /** Replaces the secret, keeping the old one valid until {@code previousExpiresAt}. */
    public boolean rotate(String id, String secret, String previousSecret, Instant previousExpiresAt, Instant at) {
        return update("UPDATE credential SET secret = ?, previous_secret = ?, previous_expires_at = ?, rotated_at = ? "
                + "WHERE id = ? AND status = 'ACTIVE'", secret, previousSecret, time(previousExpiresAt), time(at), id) == 1;
    }

    public boolean revoke(String id, Instant at) {
        return update("UPDATE credential SET status = 'REVOKED', revoked_at = ?, previous_secret = NULL, "
                + "previous_expires_at = NULL WHERE id = ? AND status = 'ACTIVE'", time(at), id) == 1;
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Credentials could not be written", e);
        }
    }

    private List<Credential> query(String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<Credential> credentials = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    credentials.add(new Credential(row.getString(1), Credential.Kind.valueOf(row.getString(2)),
                            row.getString(3), Role.valueOf(row.getString(4)),
                            new AccessScope(split(row.getString(5), ","), split(row.getString(6), "\n")),
                            row.getString(7), row.getString(8), instant(row, 9), Credential.Status.valueOf(row.getString(10)),
                            instant(row, 11), row.getString(12), instant(row, 13), instant(row, 14)));
                }
            }
            return credentials;
        } catch (SQLException e) {
            throw new IllegalStateException("Credentials could not be read", e);
        }
    }

    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String joined(Set<String> values, String separator) {
        return values.isEmpty() ? null : values.stream().sorted().collect(Collectors.joining(separator));
    }

    static Set<String> split(String value, String separator) {
        return value == null || value.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(value.split(separator)));
    }
}
