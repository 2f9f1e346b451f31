package io.muster.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.finding.FindingProjector;
import io.muster.format.AsffTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Keeps {@code finding.closed_at} — when a finding last went from open to closed — for trends. Closed
 * means RecordState ARCHIVED, or Workflow.Status RESOLVED or SUPPRESSED. A finding that arrives closed
 * was closed at its UpdatedAt; one that closes later, when Muster writes the change; reopening clears it.
 */
@ApplicationScoped
public class ClosedAtProjector implements FindingProjector {

    @Override
    public void project(Connection connection, List<Written> written) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE finding SET closed_at = ? WHERE id = ?")) {
            boolean any = false;
            for (Written finding : written) {
                boolean wasClosed = finding.before() != null && closed(finding.before());
                boolean isClosed = closed(finding.after());
                if (wasClosed == isClosed) {
                    continue;
                }
                update.setObject(1, isClosed ? closedAt(finding) : null);
                update.setLong(2, finding.rowId());
                update.addBatch();
                any = true;
            }
            if (any) {
                update.executeBatch();
            }
        }
    }

    static boolean closed(JsonNode finding) {
        String workflow = finding.path("Workflow").path("Status").asText(finding.path("WorkflowState").asText(""));
        return "ARCHIVED".equals(finding.path("RecordState").asText()) || "RESOLVED".equals(workflow) || "SUPPRESSED".equals(workflow);
    }

    private static OffsetDateTime closedAt(Written finding) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (finding.before() != null) {
            return now;
        }
        return AsffTime.parse(finding.after().path("UpdatedAt").asText()).map(time -> time.withOffsetSameInstant(ZoneOffset.UTC))
                .orElse(now);
    }
}
