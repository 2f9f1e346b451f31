package io.muster.db;

/**
 * The two databases Muster runs on. Both are built into the application; {@code muster.db.url} picks one
 * at start-up (docs/adr/0002-one-build-two-databases.md). Each names the Quarkus datasource that serves
 * it and the few DDL words that differ: the migrations are the same files for both.
 */
public enum DatabaseKind {
    /** Embedded default: a file under {@code muster.data-dir}, in PostgreSQL compatibility mode. */
    H2("h2", "jdbc:h2:", ""),
    /** Production: PostgreSQL 13 or newer. Text columns compare byte-wise, as H2 does, for identical results. */
    POSTGRESQL("postgresql", "jdbc:postgresql:", " COLLATE \"C\"");

    private final String datasource;
    private final String urlPrefix;
    private final String textCollation;

    DatabaseKind(String datasource, String urlPrefix, String textCollation) {
        this.datasource = datasource;
        this.urlPrefix = urlPrefix;
        this.textCollation = textCollation;
    }

    public static DatabaseKind ofUrl(String url) {
        for (DatabaseKind kind : values()) {
            if (url != null && url.startsWith(kind.urlPrefix)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("muster.db.url must start with jdbc:h2: or jdbc:postgresql:, not '" + url + "'");
    }

    /** Name of the Quarkus datasource (and Flyway instance) for this database. */
    public String datasource() {
        return datasource;
    }

    /** Flyway placeholder {@code ${text_collation}}: the collation clause of filterable text columns. */
    public String textCollation() {
        return textCollation;
    }
}
