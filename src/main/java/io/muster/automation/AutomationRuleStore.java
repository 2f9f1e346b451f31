package io.muster.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.db.Database;
import io.muster.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Automation rules in the {@code automation_rule} table. */
@ApplicationScoped
public class AutomationRuleStore {

    private static final String COLUMNS = "arn, rule_name, description, rule_order, rule_status, is_terminal, criteria, actions, "
            + "tags, created_at, updated_at, created_by";

    @Inject
    Database database;

    public List<AutomationRule> all() {
        return query("SELECT " + COLUMNS + " FROM automation_rule ORDER BY rule_order, updated_at, arn");
    }

    public List<AutomationRule> enabled() {
        return query("SELECT " + COLUMNS + " FROM automation_rule WHERE rule_status = 'ENABLED' ORDER BY rule_order, updated_at, arn");
    }

    public Optional<AutomationRule> find(String arn) {
        return query("SELECT " + COLUMNS + " FROM automation_rule WHERE arn = ?", arn).stream().findFirst();
    }

    public int count() {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM automation_rule");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Automation rules could not be counted", e);
        }
    }

    public void insert(AutomationRule rule) {
        update("INSERT INTO automation_rule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rule.arn(), rule.name(),
                rule.description(), rule.order(), rule.status().name(), rule.terminal(), Json.write(rule.criteria()),
                Json.write(rule.actions()), rule.tags() == null ? null : Json.write(rule.tags()), time(rule.createdAt()),
                time(rule.updatedAt()), rule.createdBy());
    }

    public void replace(AutomationRule rule) {
        update("UPDATE automation_rule SET rule_name = ?, description = ?, rule_order = ?, rule_status = ?, is_terminal = ?, "
                + "criteria = ?, actions = ?, updated_at = ? WHERE arn = ?", rule.name(), rule.description(), rule.order(),
                rule.status().name(), rule.terminal(), Json.write(rule.criteria()), Json.write(rule.actions()),
                time(rule.updatedAt()), rule.arn());
    }

    public boolean delete(String arn) {
        return update("DELETE FROM automation_rule WHERE arn = ?", arn) == 1;
    }

    private int update(String sql, Object... parameters) {
        return Sql.update(database, "Automation rules", sql, parameters);
    }

    private List<AutomationRule> query(String sql, Object... parameters) {
        return Sql.query(database, "Automation rules", sql, row -> {
            String tags = row.getString(9);
            return new AutomationRule(row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                    AutomationRule.Status.valueOf(row.getString(5)), row.getBoolean(6),
                    (ObjectNode) Json.readStored(row.getString(7)), Json.readStored(row.getString(8)),
                    tags == null ? null : (ObjectNode) Json.readStored(tags), instant(row, 10), instant(row, 11), row.getString(12));
        }, parameters);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
