package io.muster.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.format.AsffTime;
import java.time.Instant;

/** A scan session as stored: its scope, its state and, once closed, what it saw and archived. */
public record Scan(String id, String productArn, String accountId, String region, String generatorIdPrefix, Status status,
        String openedBy, Instant openedAt, Instant closedAt, Long seenCount, Long archivedCount) {

    public enum Status {
        /** Imports may name it. */
        OPEN,
        /** Closing: its stale findings are being archived (a close that was interrupted is resumed by closing again). */
        CLOSING,
        /** Closed: the scope's findings it did not see were archived. */
        CLOSED,
        /** Abandoned: closed without archiving anything. */
        ABANDONED
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object().put("ScanId", id).put("ProductArn", productArn).put("AwsAccountId", accountId).put("Region", region);
        if (generatorIdPrefix != null) {
            json.put("GeneratorIdPrefix", generatorIdPrefix);
        }
        json.put("Status", status.name()).put("OpenedBy", openedBy).put("OpenedAt", AsffTime.format(openedAt));
        if (closedAt != null) {
            json.put("ClosedAt", AsffTime.format(closedAt));
        }
        if (seenCount != null) {
            json.put("SeenCount", seenCount);
        }
        if (archivedCount != null) {
            json.put("ArchivedCount", archivedCount);
        }
        return json;
    }
}
