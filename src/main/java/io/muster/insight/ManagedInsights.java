package io.muster.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.muster.api.JsonInput;
import io.muster.finding.filter.FilterParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 32 managed insights Security Hub ships, read from {@code insights/managed.yaml}, at their Security
 * Hub ARNs ({@code arn:aws:securityhub:::insight/securityhub/default/<n>}). All but one keep to active
 * findings an analyst has not dealt with (RecordState ACTIVE, Workflow.Status NEW or NOTIFIED); those
 * two filters are part of the Filters they report, as in Security Hub.
 */
@ApplicationScoped
public class ManagedInsights {

    public static final String ARN_PREFIX = "arn:aws:securityhub:::insight/securityhub/default/";
    private static final String RESOURCE = "insights/managed.yaml";

    private final Map<String, Insight> byArn;

    public ManagedInsights() {
        this.byArn = Collections.unmodifiableMap(load());
    }

    /** Every managed insight, by number. */
    public List<Insight> all() {
        return List.copyOf(byArn.values());
    }

    public Optional<Insight> byArn(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public static boolean isManagedArn(String arn) {
        return arn.startsWith(ARN_PREFIX);
    }

    private static Map<String, Insight> load() {
        JsonNode document;
        try (InputStream in = ManagedInsights.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " could not be read", e);
        }
        Map<String, Insight> insights = new LinkedHashMap<>();
        for (JsonNode entry : document.path("insights")) {
            String arn = ARN_PREFIX + entry.path("number").asInt();
            ObjectNode filters = ((ObjectNode) entry.path("filters")).deepCopy();
            if (entry.path("activeOnly").asBoolean()) {
                filters.putArray("RecordState").addObject().put("Comparison", "EQUALS").put("Value", "ACTIVE");
                var workflow = filters.putArray("WorkflowStatus");
                workflow.addObject().put("Comparison", "EQUALS").put("Value", "NEW");
                workflow.addObject().put("Comparison", "EQUALS").put("Value", "NOTIFIED");
            }
            // a managed insight whose filters or attribute Muster could not answer is a build defect: fail at start
            FilterParser.parse(JsonInput.of(filters, "Filters"), Instant.now());
            String groupBy = entry.path("groupByAttribute").asText();
            insights.put(arn, new Insight(arn, entry.path("name").asText(), filters, GroupBy.of(groupBy, "GroupByAttribute").attribute(),
                    true, null));
        }
        return insights;
    }
}
