package io.muster.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters an account has set for its security controls (UpdateSecurityControl), checked against the
 * control's parameter definitions and read back by BatchGetSecurityControls. Only custom values are stored; a
 * parameter set back to {@code DEFAULT} follows Security Hub's default again, as Security Hub documents.
 */
@ApplicationScoped
public class SecurityControlSettings {

    /** Most characters of a LastUpdateReason Muster keeps. */
    static final int MAX_REASON = 1024;

    /**
     * What an account has set for one security control.
     *
     * @param customValues the parameters with a CUSTOM value, by name, as the JSON of the parameter's type
     * @param lastUpdateReason the reason given with the latest update, or null
     */
    public record Setting(Map<String, JsonNode> customValues, String lastUpdateReason, Instant updatedAt) {

        static final Setting NONE = new Setting(Map.of(), null, null);
    }

    /**
     * One parameter of an UpdateSecurityControl request: a custom value ({@code value} is the JSON of the member that
     * names the value's type, e.g. {@code Value.Integer}), or back to the default ({@code custom} false).
     *
     * @param path where the parameter is in the request, for messages
     * @param valueType the member of {@code Value} that was sent (e.g. {@code Integer}); null for DEFAULT
     */
    public record ParameterChange(String path, boolean custom, String valueType, JsonNode value) {
    }

    @Inject
    Database database;

    @Inject
    Transactions transactions;

    /** What the account has set for each of the controls (controls it never updated are absent). */
    public Map<String, Setting> read(String account, Collection<String> securityControlIds) {
        Map<String, Setting> settings = new HashMap<>();
        if (securityControlIds.isEmpty()) {
            return settings;
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(account);
        parameters.addAll(securityControlIds);
        String sql = "SELECT security_control_id, parameters, last_update_reason, updated_at FROM security_control_setting "
                + "WHERE aws_account_id = ? AND security_control_id IN (" + securityControlIds.stream().map(id -> "?")
                        .collect(Collectors.joining(", ")) + ")";
        try (Connection connection = database.connection()) {
            Sql.query(connection, sql, parameters, row -> settings.put(row.getString(1), new Setting(values(row.getString(2)),
                    row.getString(3), row.getObject(4, OffsetDateTime.class).toInstant())));
        } catch (SQLException e) {
            throw new IllegalStateException("Security control settings could not be read", e);
        }
        return settings;
    }

    /** What the account has set for one control, or {@link Setting#NONE}. */
    public Setting read(String account, String securityControlId) {
        return read(account, List.of(securityControlId)).getOrDefault(securityControlId, Setting.NONE);
    }

    /**
     * Applies an UpdateSecurityControl for the account: checks every change against the control's parameter
     * definitions first (nothing is written unless all are valid), then merges them into what is stored — parameters
     * the request does not name keep their values — and records the reason.
     *
     * @throws ApiException InvalidInputException naming the parameter and what is wrong with it
     */
    public Setting update(String account, Standards.SecurityControl control, Map<String, ParameterChange> changes, String reason) {
        if (!control.customizable()) {
            throw ApiException.invalidInput("Security control " + control.id() + " has no customizable parameters; "
                    + "GetSecurityControlDefinition shows a control's CustomizableProperties and ParameterDefinitions");
        }
        if (changes.isEmpty()) {
            throw ApiException.invalidInput("Parameters must name at least one parameter of " + control.id() + ": "
                    + String.join(", ", control.parameters().keySet()));
        }
        Map<String, JsonNode> checked = new LinkedHashMap<>();
        changes.forEach((name, change) -> checked.put(name, check(control, name, change)));
        return transactions.inTransaction(connection -> {
            Instant now = Instant.now();
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            Sql.update(connection, "INSERT INTO security_control_setting (aws_account_id, security_control_id, parameters, "
                    + "last_update_reason, updated_at) VALUES (?, ?, '{}', NULL, ?) ON CONFLICT DO NOTHING", List.of(account, control.id(), at));
            List<String> stored = Sql.query(connection, "SELECT parameters FROM security_control_setting WHERE aws_account_id = ? "
                    + "AND security_control_id = ? FOR UPDATE", List.of(account, control.id()), row -> row.getString(1));
            Map<String, JsonNode> values = new LinkedHashMap<>(values(stored.get(0)));
            values.keySet().retainAll(control.parameters().keySet());
            checked.forEach((name, value) -> {
                if (value == null) {
                    values.remove(name);
                } else {
                    values.put(name, value);
                }
            });
            ObjectNode json = Json.object();
            values.forEach(json::set);
            try (PreparedStatement update = connection.prepareStatement("UPDATE security_control_setting SET parameters = ?, "
                    + "last_update_reason = ?, updated_at = ? WHERE aws_account_id = ? AND security_control_id = ?")) {
                update.setString(1, Json.write(json));
                update.setString(2, reason);
                update.setObject(3, at);
                update.setString(4, account);
                update.setString(5, control.id());
                update.executeUpdate();
            }
            return new Setting(Map.copyOf(values), reason, now);
        });
    }

    /** The value to store for one change (null for DEFAULT), or an InvalidInputException naming the parameter. */
    private static JsonNode check(Standards.SecurityControl control, String name, ParameterChange change) {
        ControlParameter parameter = control.parameters().get(name);
        if (parameter == null) {
            throw ApiException.invalidInput(change.path() + ": " + control.id() + " has no parameter '" + name + "'; its parameters are "
                    + String.join(", ", control.parameters().keySet()));
        }
        if (!change.custom()) {
            return null;
        }
        if (change.valueType() == null) {
            throw ApiException.invalidInput(change.path() + ".Value is required when ValueType is CUSTOM: give the "
                    + parameter.type().wireName() + " value of " + name);
        }
        if (!change.valueType().equals(parameter.type().wireName())) {
            throw ApiException.invalidInput(change.path() + ".Value." + change.valueType() + ": " + name + " is of type "
                    + parameter.type().wireName() + ", so its value goes in Value." + parameter.type().wireName());
        }
        String problem = parameter.problemWith(change.value());
        if (problem != null) {
            throw ApiException.invalidInput(change.path() + ".Value." + change.valueType() + " " + problem);
        }
        return change.value();
    }

    private static Map<String, JsonNode> values(String stored) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Json.readStored(stored).fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue()));
        return values;
    }
}
