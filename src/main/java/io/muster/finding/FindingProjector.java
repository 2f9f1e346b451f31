package io.muster.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Data another feature keeps in step with stored findings (compliance control evaluations, for one).
 * {@link FindingWriter} calls every projector, in the transaction that writes the findings, with the
 * findings it wrote — so the projection can never disagree with what committed.
 */
public interface FindingProjector {

    /** A finding as it was stored before this write ({@code null} when it is new) and as it is now. */
    record Written(long rowId, ObjectNode before, ObjectNode after) {
    }

    void project(Connection connection, List<Written> written) throws SQLException;

    /**
     * When this projector runs among the others, lowest first. Projectors that upsert shared counter rows
     * (one row per control or insight group, which concurrent imports all touch) run last, so the row
     * locks they take are held only until the commit that follows, not while the rest is written.
     */
    default int order() {
        return 0;
    }

    /** The order of projectors that update shared counters. */
    int COUNTERS = 100;
}
