package io.muster.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The statement plumbing small stores share: bind parameters, run, map rows, say what failed. */
public final class Sql {

    /** Maps the current row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Sql() {
    }

    /** Runs an INSERT, UPDATE or DELETE on its own connection; returns the rows changed. */
    public static int update(Database database, String what, String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, Arrays.asList(parameters));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(what + " could not be written", e);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE on a connection the caller holds (inside its transaction); returns the rows changed. */
    public static int update(Connection connection, String sql, List<?> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** Runs a query on its own connection and maps every row. */
    public static <T> List<T> query(Database database, String what, String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = database.connection()) {
            return query(connection, sql, Arrays.asList(parameters), mapper);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " could not be read", e);
        }
    }

    /** Runs a query on a connection the caller holds (inside its transaction) and maps every row. */
    public static <T> List<T> query(Connection connection, String sql, List<?> parameters, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(mapper.map(rows));
                }
            }
            return found;
        }
    }

    public static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
