package io.muster.finding.filter;

import io.muster.api.ApiException;
import io.muster.api.JsonInput;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One SortCriteria entry: a single-valued attribute and a direction. */
public record SortCriterion(FilterAttribute attribute, boolean descending) {

    /** Reads SortCriteria [{Field, SortOrder asc|desc}]; the direction defaults to ascending. */
    public static List<SortCriterion> parse(JsonInput criteria) {
        List<SortCriterion> sort = new ArrayList<>();
        Set<FilterAttribute> seen = EnumSet.noneOf(FilterAttribute.class);
        for (JsonInput criterion : criteria.elements()) {
            criterion.requireObject().allowOnly("Field", "SortOrder");
            String field = criterion.member("Field").require().text();
            FilterAttribute attribute = FilterAttribute.byName(field)
                    .filter(FilterAttribute::sortable)
                    .orElseThrow(() -> ApiException.invalidInput(criterion.member("Field").path() + ": '" + field
                            + "' is not a field Muster can sort on; use a single-valued attribute such as UpdatedAt or SeverityLabel"));
            if (!seen.add(attribute)) {
                throw ApiException.invalidInput(criterion.member("Field").path() + ": " + field + " is already a sort field");
            }
            String order = criterion.member("SortOrder").text();
            if (order != null && !order.equals("asc") && !order.equals("desc")) {
                throw ApiException.invalidInput(criterion.member("SortOrder").path() + " must be asc or desc, not '" + order + "'");
            }
            sort.add(new SortCriterion(attribute, "desc".equals(order)));
        }
        return List.copyOf(sort);
    }
}
