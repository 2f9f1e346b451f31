package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.PageToken;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.finding.filter.FilterAttribute;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.finding.filter.SortCriterion;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.SqlFragment;
import io.muster.format.AsffTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * GetFindings: the findings matching a filter, in the requested order, a page at a time. Pages are cut by
 * position (keyset), not by offset: the NextToken holds the sort values and row id of the last finding
 * returned, so findings imported while a client pages through never shift, repeat or hide the ones it
 * has not reached. Without SortCriteria the newest findings come first. Ties are broken by row id, and
 * missing values sort last in either direction — the same on H2 and PostgreSQL.
 */
@ApplicationScoped
public class FindingSearch {

    public static final int MAX_RESULTS = 100;

    /** One page: the stored documents as JSON text, and the token for the next page (null at the end). */
    public record Page(List<String> findings, String nextToken) {
    }

    private record Position(List<Object> values, long rowId) {
    }

    @Inject
    Database database;

    public Page search(JsonInput filters, JsonInput sortCriteria, String nextToken, int maxResults, AccessScope scope) {
        return search(filters, sortCriteria, nextToken, maxResults, scope, Instant.now(), false);
    }

    /**
     * @param now the instant relative date ranges count back from on a first page (later pages keep the
     *     first page's, from the token)
     * @param hideDuplicates leave out every finding that is not the primary (the earliest) of its
     *     cross-detector duplicate group (extension)
     */
    public Page search(JsonInput filters, JsonInput sortCriteria, String nextToken, int maxResults, AccessScope scope,
            Instant now, boolean hideDuplicates) {
        String fingerprint = fingerprint(filters.node(), sortCriteria.node()) + (hideDuplicates ? "d" : "");
        ObjectNode token = null;
        if (nextToken != null) {
            token = PageToken.decode(nextToken);
            if (!fingerprint.equals(token.path("h").asText()) || !token.path("t").canConvertToLong()) {
                throw PageToken.invalid();
            }
            now = Instant.ofEpochMilli(token.path("t").longValue());
        }
        FindingFilter filter = FilterParser.parse(filters, now);
        List<SortCriterion> sort = SortCriterion.parse(sortCriteria);
        Position after = token == null ? null : position(token, sort);
        boolean idDescending = sort.isEmpty() || sort.get(0).descending();

        // Two steps: the page's row ids are chosen from narrow index entries first, then only those rows'
        // documents are read — at a million findings, reading the wide rows of every candidate costs more
        // than the rest of the query.
        SqlFragment page = new SqlFragment().append("SELECT f.id FROM finding f");
        SqlFragment where = SqlFilter.where(filter, scope);
        if (hideDuplicates) {
            SqlFragment primaries = new SqlFragment().append("NOT EXISTS (SELECT 1 FROM finding p WHERE p.fingerprint = f.fingerprint"
                    + " AND (p.created_at < f.created_at OR (p.created_at = f.created_at AND p.id < f.id)))");
            where = where.isEmpty() ? primaries : where.append(" AND ").append(primaries);
        }
        if (after != null) {
            SqlFragment keyset = keyset(sort, after, idDescending);
            where = where.isEmpty() ? keyset : where.append(" AND ").append(keyset);
        }
        if (!where.isEmpty()) {
            page.append(" WHERE ").append(where);
        }
        String order = orderBy(sort, idDescending);
        page.append(order).append(" LIMIT ?", maxResults + 1);

        SqlFragment sql = new SqlFragment().append("SELECT f.id, f.document");
        for (SortCriterion criterion : sort) {
            sql.append(", f." + criterion.attribute().column());
        }
        sql.append(" FROM finding f JOIN (").append(page).append(") page ON page.id = f.id").append(order);

        try (Connection connection = database.connection();
                PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            bind(statement, sql.parameters());
            List<String> findings = new ArrayList<>();
            Position last = null;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (findings.size() == maxResults) {
                        return new Page(findings, token(fingerprint, now, sort, last));
                    }
                    findings.add(rows.getString(2));
                    List<Object> values = new ArrayList<>(sort.size());
                    for (int i = 0; i < sort.size(); i++) {
                        values.add(read(rows, 3 + i, sort.get(i).attribute()));
                    }
                    last = new Position(values, rows.getLong(1));
                }
            }
            return new Page(findings, null);
        } catch (SQLException e) {
            throw new IllegalStateException("GetFindings query failed: " + sql.sql(), e);
        }
    }

    private static String orderBy(List<SortCriterion> sort, boolean idDescending) {
        StringBuilder order = new StringBuilder(" ORDER BY ");
        for (SortCriterion criterion : sort) {
            // a column without NULLs sorts in its index's order; a nullable one puts missing values last
            order.append("f.").append(criterion.attribute().column()).append(criterion.descending() ? " DESC" : " ASC")
                    .append(criterion.attribute().alwaysPresent() ? ", " : " NULLS LAST, ");
        }
        return order.append("f.id").append(idDescending ? " DESC" : " ASC").toString();
    }

    /** Row ids and identities of matching findings after {@code afterRowId}, in row order: for updates by filter. */
    public List<Map.Entry<Long, FindingKey>> keys(FindingFilter filter, AccessScope scope, long afterRowId, int limit) {
        SqlFragment sql = new SqlFragment().append("SELECT f.id, f.product_arn, f.asff_id FROM finding f WHERE f.id > ?", afterRowId);
        SqlFragment where = SqlFilter.where(filter, scope);
        if (!where.isEmpty()) {
            sql.append(" AND ").append(where);
        }
        sql.append(" ORDER BY f.id LIMIT ?", limit);
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            bind(statement, sql.parameters());
            List<Map.Entry<Long, FindingKey>> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(Map.entry(rows.getLong(1), new FindingKey(rows.getString(2), rows.getString(3))));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("Matching findings could not be listed", e);
        }
    }

    /** The stored documents of these findings that exist within the caller's accounts, by identity. */
    public Map<FindingKey, String> documents(List<FindingKey> keys, AccessScope scope) {
        Map<FindingKey, String> found = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        SqlFragment sql = new SqlFragment().append("SELECT f.product_arn, f.asff_id, f.document FROM finding f WHERE f.finding_key IN (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?", keys.get(i).hash());
        }
        sql.append(")");
        SqlFragment where = SqlFilter.where(FindingFilter.ALL, scope);
        if (!where.isEmpty()) {
            sql.append(" AND ").append(where);
        }
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            bind(statement, sql.parameters());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(new FindingKey(rows.getString(1), rows.getString(2)), rows.getString(3));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Findings could not be read", e);
        }
    }

    /** The stored documents of the first {@code limit} findings a filter matches within the caller's accounts, in row order. */
    public List<String> documents(FindingFilter filter, AccessScope scope, int limit) {
        SqlFragment sql = new SqlFragment().append("SELECT f.document FROM finding f");
        SqlFragment where = SqlFilter.where(filter, scope);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        sql.append(" ORDER BY f.id LIMIT ?", limit);
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            bind(statement, sql.parameters());
            List<String> documents = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    documents.add(rows.getString(1));
                }
            }
            return documents;
        } catch (SQLException e) {
            throw new IllegalStateException("Findings could not be read", e);
        }
    }

    /**
     * Rows strictly after {@code after} in the sort order (missing values last):
     * {@code c1 > v1 OR (c1 = v1 AND (c2 > v2 OR (… AND id > last)))}. A column that always has a value
     * also gets the redundant bound {@code c1 >= v1}, which lets the database start an index scan there.
     */
    private static SqlFragment keyset(List<SortCriterion> sort, Position after, boolean idDescending) {
        SqlFragment tail = new SqlFragment().append("f.id " + (idDescending ? "<" : ">") + " ?", after.rowId());
        for (int i = sort.size() - 1; i >= 0; i--) {
            SortCriterion criterion = sort.get(i);
            String column = "f." + criterion.attribute().column();
            Object value = after.values().get(i);
            String beyond = criterion.descending() ? " < ?" : " > ?";
            SqlFragment level = new SqlFragment().append("(");
            if (value == null) {
                level.append(column + " IS NULL AND (").append(tail).append(")");
            } else if (criterion.attribute().alwaysPresent()) {
                level.append(column + (criterion.descending() ? " <= ?" : " >= ?"), value)
                        .append(" AND (" + column + beyond, value)
                        .append(" OR (" + column + " = ?", value)
                        .append(" AND (").append(tail).append(")))");
            } else {
                level.append(column + beyond, value)
                        .append(" OR " + column + " IS NULL OR (" + column + " = ?", value)
                        .append(" AND (").append(tail).append("))");
            }
            tail = level.append(")");
        }
        return new SqlFragment().append("(").append(tail).append(")");
    }

    private static String token(String fingerprint, Instant now, List<SortCriterion> sort, Position last) {
        ObjectNode token = Json.object().put("h", fingerprint).put("t", now.toEpochMilli()).put("i", last.rowId());
        ArrayNode values = token.putArray("k");
        for (int i = 0; i < sort.size(); i++) {
            Object value = last.values().get(i);
            if (value == null) {
                values.addNull();
            } else if (value instanceof Double number) {
                values.add(number);
            } else if (value instanceof Boolean bool) {
                values.add(bool);
            } else if (value instanceof OffsetDateTime time) {
                values.add(time.toInstant().toString());
            } else {
                values.add(value.toString());
            }
        }
        return PageToken.encode(token);
    }

    private static Position position(ObjectNode token, List<SortCriterion> sort) {
        JsonNode values = token.path("k");
        if (!values.isArray() || values.size() != sort.size() || !token.path("i").canConvertToLong()) {
            throw PageToken.invalid();
        }
        List<Object> position = new ArrayList<>();
        for (int i = 0; i < sort.size(); i++) {
            JsonNode value = values.get(i);
            if (value.isNull()) {
                position.add(null);
                continue;
            }
            FilterAttribute attribute = sort.get(i).attribute();
            position.add(switch (attribute.type()) {
                case NUMBER -> {
                    if (!value.isNumber()) {
                        throw PageToken.invalid();
                    }
                    yield value.doubleValue();
                }
                case DATE -> AsffTime.parse(value.asText()).orElseThrow(PageToken::invalid).withOffsetSameInstant(ZoneOffset.UTC);
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        throw PageToken.invalid();
                    }
                    yield value.booleanValue();
                }
                default -> {
                    if (!value.isTextual()) {
                        throw PageToken.invalid();
                    }
                    yield value.textValue();
                }
            });
        }
        return new Position(position, token.path("i").longValue());
    }

    private static Object read(ResultSet rows, int column, FilterAttribute attribute) throws SQLException {
        return switch (attribute.type()) {
            case NUMBER -> {
                double value = rows.getDouble(column);
                yield rows.wasNull() ? null : value;
            }
            case DATE -> rows.getObject(column, OffsetDateTime.class);
            case BOOLEAN -> {
                boolean value = rows.getBoolean(column);
                yield rows.wasNull() ? null : value;
            }
            default -> rows.getString(column);
        };
    }

    static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        Sql.bind(statement, parameters);
    }

    /** Identifies the query a token belongs to, so that a token is refused with other filters or sorting. */
    private static String fingerprint(JsonNode filters, JsonNode sort) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Json.write(filters.isMissingNode() ? Json.object() : filters).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Json.write(sort.isMissingNode() ? Json.object() : sort).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
