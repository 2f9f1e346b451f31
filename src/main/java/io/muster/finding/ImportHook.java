package io.muster.finding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/** Work that must commit with an import, given the keys of the findings the import stored. */
@FunctionalInterface
public interface ImportHook {

    ImportHook NONE = (connection, stored) -> {
    };

    void stored(Connection connection, Collection<FindingKey> stored) throws SQLException;
}
