package io.muster.account;

import io.muster.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags in the {@code tagged_resource} and {@code resource_tag} tables. Every method works on the connection of
 * the caller's transaction.
 */
final class ResourceTagStore {

    private ResourceTagStore() {
    }

    /** Whether Muster already keeps this resource's tag set. */
    static boolean isKept(Connection connection, String arn) throws SQLException {
        return !Sql.query(connection, "SELECT 1 FROM tagged_resource WHERE resource_arn = ?", List.of(arn), row -> 1).isEmpty();
    }

    /** Starts keeping this resource's tag set, with the tags it had before (an automation rule's creation Tags). */
    static void keep(Connection connection, String arn, Map<String, String> initial) throws SQLException {
        Sql.update(connection, "INSERT INTO tagged_resource (resource_arn, created_at) VALUES (?, ?)",
                List.of(arn, OffsetDateTime.now(ZoneOffset.UTC)));
        for (Map.Entry<String, String> tag : initial.entrySet()) {
            Sql.update(connection, "INSERT INTO resource_tag (resource_arn, tag_key, tag_value) VALUES (?, ?, ?)",
                    List.of(arn, tag.getKey(), tag.getValue()));
        }
    }

    /** The tags kept for this resource, by key. */
    static Map<String, String> tags(Connection connection, String arn) throws SQLException {
        Map<String, String> tags = new LinkedHashMap<>();
        Sql.query(connection, "SELECT tag_key, tag_value FROM resource_tag WHERE resource_arn = ? ORDER BY tag_key", List.of(arn),
                row -> tags.put(row.getString(1), row.getString(2)));
        return tags;
    }

    /** Sets a tag's value, adding the tag if the resource does not carry it yet. */
    static void put(Connection connection, String arn, String key, String value) throws SQLException {
        if (Sql.update(connection, "UPDATE resource_tag SET tag_value = ? WHERE resource_arn = ? AND tag_key = ?",
                List.of(value, arn, key)) == 0) {
            Sql.update(connection, "INSERT INTO resource_tag (resource_arn, tag_key, tag_value) VALUES (?, ?, ?)",
                    List.of(arn, key, value));
        }
    }

    static void remove(Connection connection, String arn, String key) throws SQLException {
        Sql.update(connection, "DELETE FROM resource_tag WHERE resource_arn = ? AND tag_key = ?", List.of(arn, key));
    }
}
