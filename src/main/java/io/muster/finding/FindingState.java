package io.muster.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A finding while a write is being prepared: as it was stored (if it was), as it is now, and the changes
 * that led from one to the other. Several changes can pile up when one batch holds several copies of a
 * finding; the row is written once, with every change's history and event.
 */
public final class FindingState {

    private final FindingKey key;
    private final Long rowId;
    private final boolean inScope;
    private final ObjectNode storedDocument;
    private ObjectNode document;
    private int analystFields;
    private final List<FindingChange> changes = new ArrayList<>();

    private FindingState(FindingKey key, Long rowId, boolean inScope, ObjectNode storedDocument, int analystFields) {
        this.key = key;
        this.rowId = rowId;
        this.inScope = inScope;
        this.storedDocument = storedDocument;
        this.document = storedDocument;
        this.analystFields = analystFields;
    }

    public static FindingState stored(FindingKey key, long rowId, boolean inScope, ObjectNode document, int analystFields) {
        return new FindingState(key, rowId, inScope, document, analystFields);
    }

    public static FindingState absent(FindingKey key) {
        return new FindingState(key, null, true, null, 0);
    }

    public FindingKey key() {
        return key;
    }

    /** The row id of a stored finding; null for one this write creates. */
    public Long rowId() {
        return rowId;
    }

    /**
     * False for a stored finding of an account outside the caller's scope: it may not be read or changed,
     * and the writer refuses it.
     */
    public boolean inScope() {
        return inScope;
    }

    /** True once the finding exists, stored or created earlier in this write. */
    public boolean exists() {
        return document != null;
    }

    public boolean isNew() {
        return rowId == null;
    }

    public ObjectNode storedDocument() {
        return storedDocument;
    }

    public ObjectNode document() {
        return document;
    }

    public int analystFields() {
        return analystFields;
    }

    public List<FindingChange> changes() {
        return changes;
    }

    public boolean isChanged() {
        return !changes.isEmpty();
    }

    /** Applies a change: the finding becomes {@code change.findingAfter()}. */
    public void apply(FindingChange change, int newAnalystFields) {
        if (!inScope) {
            throw new IllegalStateException("Finding " + key + " is outside the caller's scope");
        }
        this.document = change.findingAfter();
        this.analystFields = newAnalystFields;
        this.changes.add(change);
    }
}
