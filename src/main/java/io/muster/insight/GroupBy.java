package io.muster.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.ApiException;
import io.muster.finding.filter.AttributeType;
import io.muster.finding.filter.AttributeValues;
import io.muster.finding.filter.FilterAttribute;
import io.muster.finding.filter.SqlFragment;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A string filter attribute that findings are grouped by, and the SQL that groups them: a column of
 * {@code finding f} as it is, or the value rows of a multi-valued attribute joined as {@code g} — so a
 * finding with two resources counts once for each, and once only however often a value repeats in it.
 */
record GroupBy(FilterAttribute attribute) {

    /** The attribute a request names, or InvalidInputException saying why it can't group. */
    static GroupBy of(String name, String member) {
        FilterAttribute attribute = FilterAttribute.byName(name).orElseThrow(() -> ApiException.invalidInput(member + " '" + name
                + "' is not an AwsSecurityFindingFilters attribute; group by a string attribute such as ResourceId, ResourceType, "
                + "AwsAccountId, ProductName, SeverityLabel, Type, GeneratorId, ComplianceSecurityControlId, WorkflowStatus or Region"));
        if (attribute.type() != AttributeType.STRING) {
            throw ApiException.invalidInput(member + " '" + name + "' is a " + attribute.type().name().toLowerCase()
                    + " attribute; findings are grouped by string attributes only");
        }
        return new GroupBy(attribute);
    }

    String name() {
        return attribute.filterName();
    }

    /** The grouped value, as an SQL expression over {@link #from()}. */
    String value() {
        return attribute.isColumn() ? "f." + attribute.column() : "COALESCE(g.val, g.val_key)";
    }

    /** {@code finding f}, joined with the attribute's value rows when it is multi-valued. */
    SqlFragment from() {
        return attribute.isColumn() ? new SqlFragment().append("finding f")
                : new SqlFragment().append("finding f JOIN finding_value g ON g.finding_id = f.id AND g.attr = ?", attribute.code());
    }

    /** The condition that leaves out findings without a value (empty for value rows, which exist only for values). */
    String present() {
        return attribute.isColumn() && !attribute.alwaysPresent() ? "f." + attribute.column() + " IS NOT NULL" : "";
    }

    /** The distinct values a document has for the attribute, as the SQL above groups them. */
    List<String> values(JsonNode finding) {
        List<String> values = AttributeValues.strings(attribute, finding);
        if (attribute.isColumn()) {
            return values.isEmpty() ? List.of() : List.of(values.get(0));
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
