package io.muster.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.db.Database;
import io.muster.db.Transactions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which standards are enabled (BatchEnableStandards / BatchDisableStandards) and which of their controls
 * are disabled (UpdateStandardsControl). As in Security Hub, enabling a standard enables all its
 * controls, and the standards packs mark as enabled by default are enabled when Muster first starts.
 */
@ApplicationScoped
public class Subscriptions {

    /** An enabled standard. */
    public record Subscription(String standardKey, ObjectNode standardsInput, Instant enabledAt) {
    }

    /** A disabled control of a standard. */
    public record DisabledControl(String reason, Instant since) {
    }

    @Inject
    Database database;

    @Inject
    Transactions transactions;

    @Inject
    Standards standards;

    void onStart(@Observes StartupEvent event) {
        transactions.inTransaction(connection -> {
            if (ComplianceFacts.get(connection, ComplianceFacts.DEFAULTS_ENABLED).isEmpty()) {
                for (CompliancePack pack : standards.packs()) {
                    if (pack.enabledByDefault()) {
                        enable(connection, pack.key(), Json.object());
                    }
                }
                ComplianceFacts.put(connection, ComplianceFacts.DEFAULTS_ENABLED, Instant.now().toString());
            }
            return null;
        });
    }

    /** The enabled standards, by key, in the order they were enabled. */
    public Map<String, Subscription> enabled() {
        Map<String, Subscription> enabled = new LinkedHashMap<>();
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT standard_key, standards_input, enabled_at FROM standard_subscription ORDER BY enabled_at, standard_key");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                enabled.put(rows.getString(1), new Subscription(rows.getString(1), (ObjectNode) Json.readStored(rows.getString(2)),
                        rows.getObject(3, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Enabled standards could not be read", e);
        }
        return enabled;
    }

    /**
     * Enables a standard with all its controls. Enabling a standard that is already enabled changes nothing
     * (its disabled controls stay disabled); a standard disabled and enabled again starts with every control on.
     */
    public void enable(String standardKey, ObjectNode standardsInput) {
        transactions.inTransaction(connection -> {
            enable(connection, standardKey, standardsInput);
            return null;
        });
    }

    private static void enable(Connection connection, String standardKey, JsonNode standardsInput) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM standard_subscription WHERE standard_key = ?")) {
            select.setString(1, standardKey);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM standard_control_state WHERE standard_key = ?")) {
            delete.setString(1, standardKey);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO standard_subscription (standard_key, standards_input, enabled_at) VALUES (?, ?, ?)")) {
            insert.setString(1, standardKey);
            insert.setString(2, Json.write(standardsInput));
            insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** Disables a standard; returns false when it was not enabled. */
    public boolean disable(String standardKey) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM standard_subscription WHERE standard_key = ?")) {
                delete.setString(1, standardKey);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** The disabled controls of a standard, by control id. */
    public Map<String, DisabledControl> disabledControls(String standardKey) {
        Map<String, DisabledControl> disabled = new HashMap<>();
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT control_id, disabled_reason, updated_at FROM standard_control_state WHERE standard_key = ?")) {
            select.setString(1, standardKey);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    disabled.put(rows.getString(1), new DisabledControl(rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Control states could not be read", e);
        }
        return disabled;
    }

    /** Disables a control of a standard with a reason, or enables it again ({@code reason} null). */
    public void setControl(String standardKey, String controlId, String reason) {
        transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM standard_control_state WHERE standard_key = ? AND control_id = ?")) {
                delete.setString(1, standardKey);
                delete.setString(2, controlId);
                delete.executeUpdate();
            }
            if (reason != null) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO standard_control_state "
                        + "(standard_key, control_id, disabled_reason, updated_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, standardKey);
                    insert.setString(2, controlId);
                    insert.setString(3, reason);
                    insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }
}
