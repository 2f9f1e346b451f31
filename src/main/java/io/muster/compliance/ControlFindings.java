package io.muster.compliance;

import io.muster.api.Json;
import io.muster.api.PageToken;
import io.muster.db.Database;
import io.muster.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The findings behind a control's status, and how many distinct resources fail each control. */
@ApplicationScoped
public class ControlFindings {

    /** A page of finding documents (as stored JSON) and the token for the next page. */
    public record Page(List<String> documents, String nextToken) {
    }

    @Inject
    Database database;

    /** Control id → number of distinct resources with a FAILED finding, within {@code where}. */
    public Map<String, Long> failingResources(CompliancePack pack, ComplianceScores.Where where) {
        StringBuilder sql = new StringBuilder("SELECT control_id, COUNT(DISTINCT resource_id) FROM finding_control "
                + "WHERE standard_key = ? AND status = " + ControlLink.FAILED);
        List<Object> parameters = new ArrayList<>(List.of(pack.key()));
        where.appendTo(sql, parameters, "");
        sql.append(" GROUP BY control_id");
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql.toString())) {
            Sql.bind(select, parameters);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failing resources could not be counted", e);
        }
        return counts;
    }

    /** The findings that count for a control (optionally only those with one verdict), newest first. */
    public Page findings(CompliancePack pack, PackControl control, Integer status, ComplianceScores.Where where, int maxResults,
            String nextToken) {
        long before = Long.MAX_VALUE;
        if (nextToken != null) {
            var token = PageToken.decode(nextToken);
            if (!token.path("b").canConvertToLong() || !pack.key().equals(token.path("s").asText())
                    || !control.id().equals(token.path("c").asText())) {
                throw PageToken.invalid();
            }
            before = token.path("b").longValue();
        }
        StringBuilder sql = new StringBuilder("SELECT f.id, f.document FROM finding f JOIN finding_control c ON c.finding_id = f.id "
                + "WHERE c.standard_key = ? AND c.control_id = ? AND c.finding_id < ?");
        List<Object> parameters = new ArrayList<>(List.of(pack.key(), control.id(), before));
        if (status != null) {
            sql.append(" AND c.status = ?");
            parameters.add(status);
        }
        where.appendTo(sql, parameters, "c");
        sql.append(" ORDER BY f.id DESC LIMIT ?");
        parameters.add(maxResults + 1);
        List<String> documents = new ArrayList<>();
        long last = 0;
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql.toString())) {
            Sql.bind(select, parameters);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (documents.size() == maxResults) {
                        return new Page(documents, PageToken.encode(Json.object().put("s", pack.key()).put("c", control.id())
                                .put("b", last)));
                    }
                    last = rows.getLong(1);
                    documents.add(rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("A control's findings could not be read", e);
        }
        return new Page(documents, null);
    }
}
