package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.muster.finding.filter.AttributeType;
import io.muster.finding.filter.FilterAttribute;
import io.muster.finding.filter.FindingFilter;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.SqlFragment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every finding matching a filter, written out as NDJSON (the stored ASFF documents, one a line) or CSV
 * (chosen columns), with no page cap. Findings are read in row order, a chunk at a time with a keyset
 * query, so memory stays flat however many match and no connection is held while the client reads.
 */
@ApplicationScoped
public class FindingExport {

    public enum Format {
        NDJSON("application/x-ndjson"), CSV("text/csv");

        public final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    /** The CSV columns when a request names none. */
    public static final List<FilterAttribute> DEFAULT_COLUMNS = List.of(FilterAttribute.ID, FilterAttribute.PRODUCT_ARN,
            FilterAttribute.PRODUCT_NAME, FilterAttribute.GENERATOR_ID, FilterAttribute.AWS_ACCOUNT_ID, FilterAttribute.REGION,
            FilterAttribute.TITLE, FilterAttribute.SEVERITY_LABEL, FilterAttribute.WORKFLOW_STATUS, FilterAttribute.RECORD_STATE,
            FilterAttribute.COMPLIANCE_STATUS, FilterAttribute.COMPLIANCE_SECURITY_CONTROL_ID, FilterAttribute.byName("Type").orElseThrow(),
            FilterAttribute.byName("ResourceType").orElseThrow(), FilterAttribute.byName("ResourceId").orElseThrow(),
            FilterAttribute.CREATED_AT, FilterAttribute.UPDATED_AT);

    static final int CHUNK = 500;

    @Inject
    Database database;

    /** The export format an {@code Accept} header asks for: NDJSON unless it names CSV; anything else is refused. */
    public static Format format(String accept) {
        if (accept == null || accept.isBlank()) {
            return Format.NDJSON;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase();
            switch (type) {
                case "text/csv":
                    return Format.CSV;
                case "application/x-ndjson", "application/jsonl", "application/jsonlines", "*/*", "application/*":
                    return Format.NDJSON;
                default:
                    break;
            }
        }
        throw ApiException.invalidInput("Accept '" + accept + "' names no export format: ask for application/x-ndjson (one ASFF "
                + "finding a line) or text/csv");
    }

    /** The CSV columns a request names (filter attribute names), in its order. */
    public static List<FilterAttribute> columns(List<String> names) {
        if (names.isEmpty()) {
            return DEFAULT_COLUMNS;
        }
        List<FilterAttribute> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(FilterAttribute.byName(name).orElseThrow(() -> ApiException.invalidInput("Columns: '" + name
                    + "' is not an AwsSecurityFindingFilters attribute; columns are named as filters are, e.g. "
                    + DEFAULT_COLUMNS.stream().limit(6).map(FilterAttribute::filterName).collect(Collectors.joining(", ")))));
        }
        return columns;
    }

    /** Writes every matching finding; returns how many. */
    public long write(FindingFilter filter, AccessScope scope, Format format, List<FilterAttribute> columns, OutputStream out) {
        try {
            if (format == Format.CSV) {
                out.write(csvRow(columns.stream().map(FilterAttribute::filterName).toList()));
            }
            long written = 0;
            long after = Long.MIN_VALUE;
            while (true) {
                List<String> documents = new ArrayList<>(CHUNK);
                after = chunk(filter, scope, after, documents);
                for (String document : documents) {
                    out.write(format == Format.NDJSON ? (document + "\n").getBytes(StandardCharsets.UTF_8) : csvRow(cells(document, columns)));
                }
                written += documents.size();
                if (documents.size() < CHUNK) {
                    out.flush();
                    return written;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The export could not be written (the client may have gone)", e);
        }
    }

    /** Reads the next chunk after row {@code after} into {@code documents}; returns the last row id read. */
    private long chunk(FindingFilter filter, AccessScope scope, long after, List<String> documents) {
        SqlFragment sql = new SqlFragment().append("SELECT f.id, f.document FROM finding f WHERE f.id > ?", after);
        SqlFragment where = SqlFilter.where(filter, scope);
        if (!where.isEmpty()) {
            sql.append(" AND ").append(where);
        }
        sql.append(" ORDER BY f.id LIMIT " + CHUNK);
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            FindingSearch.bind(statement, sql.parameters());
            long last = after;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    last = rows.getLong(1);
                    documents.add(rows.getString(2));
                }
            }
            return last;
        } catch (SQLException e) {
            throw new IllegalStateException("Findings could not be exported", e);
        }
    }

    private static List<String> cells(String document, List<FilterAttribute> columns) {
        JsonNode finding = Json.readStored(document);
        List<String> cells = new ArrayList<>(columns.size());
        for (FilterAttribute column : columns) {
            List<String> values = new ArrayList<>();
            for (JsonNode value : column.select(finding)) {
                values.add(value.isValueNode() ? value.asText() : Json.write(value));
            }
            String cell = String.join("|", values);
            cells.add(column.type() == AttributeType.STRING || column.type() == AttributeType.MAP ? neutralised(cell) : cell);
        }
        return cells;
    }

    /**
     * Text a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) gets a
     * leading apostrophe: findings carry text from detectors and, through them, from attackers.
     */
    static String neutralised(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    /** One RFC 4180 row: every cell quoted when it holds a comma, quote or line break. */
    static byte[] csvRow(List<String> cells) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i > 0) {
                row.append(',');
            }
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                row.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                row.append(cell);
            }
        }
        return row.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
