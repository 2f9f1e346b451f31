package io.muster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Json;
import io.muster.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of Muster's tables, for tests that check what was (or was not) written. */
@ApplicationScoped
public class TestDatabase {

    @Inject
    Database database;

    public long count(String sql, Object... parameters) {
        List<List<Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }

    public List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<List<Object>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rows.getObject(c));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement that changes rows, for tests that move time forward. */
    public int execute(String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Findings stored under a product. */
    public long findings(String productArn) {
        return count("SELECT COUNT(*) FROM finding WHERE product_arn = ?", productArn);
    }

    /** The stored document of a finding. */
    public JsonNode document(String productArn, String id) {
        List<List<Object>> rows = rows("SELECT document FROM finding WHERE product_arn = ? AND asff_id = ?", productArn, id);
        if (rows.isEmpty()) {
            throw new AssertionError("no finding " + productArn + "/" + id);
        }
        return Json.readStored((String) rows.get(0).get(0));
    }

    /** History rows of a product's findings. */
    public long historyRows(String productArn) {
        return count("SELECT COUNT(*) FROM finding_history h JOIN finding f ON f.id = h.finding_id WHERE f.product_arn = ?",
                productArn);
    }

    /** Outbox events about a product's findings (their resources start with the product ARN). */
    public long events(String productArn) {
        return count("SELECT COUNT(*) FROM outbox_event WHERE payload LIKE ?", "%\"resources\":[\"" + productArn + "/%");
    }
}
