package io.muster.finding.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path into an ASFF document such as {@code Severity.Label} or {@code Resources[].Id}: dots step into
 * objects, {@code []} steps into every element of a list. It selects every value the path reaches,
 * so a multi-valued attribute yields one value per element.
 */
public final class DocumentPath {

    private record Step(String member, boolean eachElement) {
    }

    private final String text;
    private final List<Step> steps;

    private DocumentPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    public static DocumentPath of(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split("\\.")) {
            boolean each = part.endsWith("[]");
            steps.add(new Step(each ? part.substring(0, part.length() - 2) : part, each));
        }
        return new DocumentPath(text, List.copyOf(steps));
    }

    /** True when the path can reach more than one value. */
    public boolean isMultiValued() {
        return steps.stream().anyMatch(Step::eachElement);
    }

    public List<JsonNode> select(JsonNode document) {
        List<JsonNode> current = List.of(document);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode child = node.get(step.member());
                if (child == null || child.isNull()) {
                    continue;
                }
                if (step.eachElement()) {
                    if (child.isArray()) {
                        child.forEach(element -> {
                            if (!element.isNull()) {
                                next.add(element);
                            }
                        });
                    }
                } else {
                    next.add(child);
                }
            }
            if (next.isEmpty()) {
                return List.of();
            }
            current = next;
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }
}
