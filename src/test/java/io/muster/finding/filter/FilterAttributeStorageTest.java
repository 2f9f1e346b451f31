package io.muster.finding.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.db.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attribute declarations and the migrated schema agree: every column exists, NOT NULL exactly where promised. */
@QuarkusTest
class FilterAttributeStorageTest {

    @Inject
    Database database;

    @Test
    void everyColumnAttributeHasItsColumnAndNullabilityMatches() throws Exception {
        Map<String, Boolean> nullable = new HashMap<>();
        try (Connection connection = database.connection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet columns = meta.getColumns(null, null, "finding", null)) {
                while (columns.next()) {
                    nullable.put(columns.getString("COLUMN_NAME").toLowerCase(), columns.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls);
                }
            }
        }
        for (FilterAttribute attribute : FilterAttribute.columns()) {
            assertThat(nullable).as("column of %s", attribute.filterName()).containsKey(attribute.column());
            assertThat(nullable.get(attribute.column())).as("%s is nullable", attribute.filterName())
                    .isEqualTo(!attribute.alwaysPresent());
        }
    }

    @Test
    void valueRowCodesAreUniqueAndNamesMatchSecurityHub() {
        assertThat(FilterAttribute.valueRowAttributes().stream().map(FilterAttribute::code)).doesNotHaveDuplicates();
        for (FilterAttribute attribute : FilterAttribute.values()) {
            assertThat(FilterAttribute.byName(attribute.filterName())).contains(attribute);
        }
    }
}
