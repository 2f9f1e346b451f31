package io.muster.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.auth.AccessScope;
import io.muster.auth.Caller;
import io.muster.auth.Role;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.finding.FindingImporter;
import io.muster.finding.FindingKey;
import io.muster.finding.FindingSearch;
import io.muster.finding.ImportHook;
import io.muster.finding.ImportResult;
import io.muster.finding.IncomingFinding;
import io.muster.finding.ScanRecorders;
import io.muster.format.AsffTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Scan sessions — Security Hub has none; Prowler emulates them client-side and DefectDojo calls them
 * close_old_findings. A producer opens a scan for a scope (ProductArn, account, Region and optionally a
 * GeneratorId prefix), imports in any number of calls naming the scan, and closes it: the scope's ACTIVE
 * findings that no import of the scan reported are then archived (RecordState ARCHIVED, a provider
 * field) through the import pipeline, so they get history and "Imported" events like any import. A scan
 * that is never closed, or is abandoned, changes nothing.
 */
@ApplicationScoped
public class ScanSessions implements ScanRecorders {

    private static final Logger LOG = Logger.getLogger(ScanSessions.class);
    private static final int ARCHIVE_BATCH = 100;
    private static final String COLUMNS = "scan_id, product_arn, aws_account_id, region, generator_prefix, status, opened_by, opened_at,"
            + " closed_at, seen_count, archived_count";

    @Inject
    Database database;

    @Inject
    FindingImporter importer;

    @Inject
    FindingSearch search;

    public Scan open(JsonInput request, Caller caller) {
        request.allowOnly("ProductArn", "AwsAccountId", "Region", "GeneratorIdPrefix");
        String productArn = request.member("ProductArn").require().text(1, 2048);
        String account = request.member("AwsAccountId").require().text(12, 12);
        String region = request.member("Region").require().text(1, 16);
        String prefix = request.member("GeneratorIdPrefix").text(1, 512);
        if (!caller.scope().allowsAccount(account) || !caller.scope().allowsProduct(productArn)) {
            throw new ApiException(ErrorCode.AccessDeniedException, caller.identity() + " may not import findings of account " + account
                    + " and product " + productArn + ", so it may not open a scan of them");
        }
        Scan scan = new Scan("scan-" + UUID.randomUUID(), productArn, account, region, prefix, Scan.Status.OPEN, caller.identity(),
                Instant.now(), null, null, null);
        Sql.update(database, "Scan", "INSERT INTO scan (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)", scan.id(),
                productArn, account, region, prefix, scan.status().name(), caller.identity(), OffsetDateTime.ofInstant(scan.openedAt(), ZoneOffset.UTC));
        return scan;
    }

    /** The scan, if the caller may see it (its scope includes the scan's account and product). */
    public Scan get(String scanId, Caller caller) {
        List<Scan> found = Sql.query(database, "Scan", "SELECT " + COLUMNS + " FROM scan WHERE scan_id = ?", ScanSessions::scan, scanId);
        if (found.isEmpty() || !caller.scope().allowsAccount(found.get(0).accountId()) || !caller.scope().allowsProduct(found.get(0).productArn())) {
            throw ApiException.notFound("Scan '" + scanId + "' does not exist");
        }
        return found.get(0);
    }

    /** What an import naming the scan runs in its transaction: it records the findings it stored as seen. */
    @Override
    public ImportHook recorder(String scanId, Caller caller) {
        Scan scan = get(scanId, caller);
        if (scan.status() != Scan.Status.OPEN) {
            throw new ApiException(ErrorCode.ResourceConflictException, "Scan '" + scanId + "' is " + scan.status().name().toLowerCase()
                    + "; open a new scan to import as part of one");
        }
        return (connection, stored) -> {
            String sql = "INSERT INTO scan_finding (scan_id, finding_key) VALUES (?, ?) ON CONFLICT DO NOTHING";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (FindingKey key : stored) {
                    insert.setString(1, scanId);
                    insert.setString(2, key.hash());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        };
    }

    /** Closes the scan: archives the scope's ACTIVE findings it did not see, and says how many. */
    public Scan close(String scanId, Caller caller) {
        Scan scan = get(scanId, caller);
        int claimed = Sql.update(database, "Scan", "UPDATE scan SET status = 'CLOSING' WHERE scan_id = ? AND status IN ('OPEN', 'CLOSING')", scanId);
        if (claimed == 0) {
            throw new ApiException(ErrorCode.ResourceConflictException, "Scan '" + scanId + "' is already " + scan.status().name().toLowerCase());
        }
        Caller archiver = new Caller("scan:" + scanId + " (closed by " + caller.identity() + ")", null, Role.PRODUCER, AccessScope.UNRESTRICTED);
        long archived = 0;
        while (true) {
            List<FindingKey> stale = staleFindings(scan);
            if (stale.isEmpty()) {
                break;
            }
            ImportResult result = importer.importFindings(archivedVersions(stale), archiver);
            archived += result.successCount();
            if (result.successCount() == 0) {
                LOG.warnf("Scan %s: %d stale findings could not be archived: %s", scanId, stale.size(), result.failedFindings());
                break;
            }
        }
        long seen = Sql.query(database, "Scan", "SELECT COUNT(*) FROM scan_finding WHERE scan_id = ?", rows -> rows.getLong(1), scanId).get(0);
        Sql.update(database, "Scan", "UPDATE scan SET status = 'CLOSED', closed_at = ?, seen_count = ?, archived_count = ? WHERE scan_id = ?",
                OffsetDateTime.now(ZoneOffset.UTC), seen, archived, scanId);
        return get(scanId, caller);
    }

    /** Abandons an open scan: nothing is archived, and imports may no longer name it. */
    public Scan abandon(String scanId, Caller caller) {
        Scan scan = get(scanId, caller);
        if (Sql.update(database, "Scan", "UPDATE scan SET status = 'ABANDONED', closed_at = ? WHERE scan_id = ? AND status = 'OPEN'",
                OffsetDateTime.now(ZoneOffset.UTC), scanId) == 0) {
            throw new ApiException(ErrorCode.ResourceConflictException, "Scan '" + scanId + "' is " + scan.status().name().toLowerCase()
                    + "; only an open scan can be abandoned");
        }
        return get(scanId, caller);
    }

    private List<FindingKey> staleFindings(Scan scan) {
        String sql = "SELECT f.product_arn, f.asff_id FROM finding f WHERE f.product_arn = ? AND f.aws_account_id = ? AND f.region = ?"
                + " AND f.record_state = 'ACTIVE'" + (scan.generatorIdPrefix() == null ? "" : " AND LEFT(f.generator_id, ?) = ?")
                + " AND NOT EXISTS (SELECT 1 FROM scan_finding s WHERE s.scan_id = ? AND s.finding_key = f.finding_key)"
                + " ORDER BY f.id FETCH FIRST " + ARCHIVE_BATCH + " ROWS ONLY";
        List<Object> parameters = new ArrayList<>(List.of(scan.productArn(), scan.accountId(), scan.region()));
        if (scan.generatorIdPrefix() != null) {
            parameters.add(scan.generatorIdPrefix().length());
            parameters.add(scan.generatorIdPrefix());
        }
        parameters.add(scan.id());
        return Sql.query(database, "Scan", sql, rows -> new FindingKey(rows.getString(1), rows.getString(2)), parameters.toArray());
    }

    /** The findings as stored, ARCHIVED and updated now (or just after their last update, if that is later). */
    private List<IncomingFinding> archivedVersions(List<FindingKey> keys) {
        List<IncomingFinding> findings = new ArrayList<>();
        Instant now = Instant.now();
        for (Map.Entry<FindingKey, String> entry : search.documents(keys, AccessScope.UNRESTRICTED).entrySet()) {
            ObjectNode finding = (ObjectNode) Json.readStored(entry.getValue());
            Instant updated = AsffTime.parse(finding.path("UpdatedAt").asText()).map(OffsetDateTime::toInstant).orElse(now);
            finding.put("RecordState", "ARCHIVED").put("UpdatedAt", AsffTime.format(updated.isBefore(now) ? now : updated.plusMillis(1)));
            findings.add(new IncomingFinding(finding, Json.write(finding).getBytes(StandardCharsets.UTF_8).length));
        }
        return findings;
    }

    private static Scan scan(ResultSet rows) throws SQLException {
        OffsetDateTime closed = rows.getObject(9, OffsetDateTime.class);
        return new Scan(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                Scan.Status.valueOf(rows.getString(6)), rows.getString(7), rows.getObject(8, OffsetDateTime.class).toInstant(),
                closed == null ? null : closed.toInstant(), (Long) rows.getObject(10), (Long) rows.getObject(11));
    }
}
