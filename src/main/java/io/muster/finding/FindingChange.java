package io.muster.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One change to one finding: its creation or an update, who made it, what it changed, and the finding as
 * it stood afterwards (the content of the event the change produces). Its id is shared by its history
 * rows and its event.
 */
public record FindingChange(String id, Instant at, ChangeSource source, boolean created, List<FieldChange> fields,
        ObjectNode findingAfter) {

    public static FindingChange creation(Instant at, ChangeSource source, ObjectNode finding) {
        return new FindingChange(UUID.randomUUID().toString(), at, source, true, List.of(), finding);
    }

    public static FindingChange update(Instant at, ChangeSource source, List<FieldChange> fields, ObjectNode finding) {
        return new FindingChange(UUID.randomUUID().toString(), at, source, false, fields, finding);
    }
}
