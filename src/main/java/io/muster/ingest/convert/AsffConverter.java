package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ASFF as it is: a BatchImportFindings body ({@code {"Findings":[…]}}), a bare array of findings, or one
 * finding — the shapes a detector that already speaks Security Hub sends to a topic or queue.
 */
@ApplicationScoped
public class AsffConverter implements FindingConverter {

    @Override
    public String format() {
        return "asff";
    }


    @Override
    public Set<String> recordArrays() {
        return Set.of("[]", "Findings[]");
    }

    @Override
    public List<Converted> convert(JsonNode document, ConversionContext context) {
        JsonNode findings;
        if (document.isArray()) {
            findings = document;
        } else if (document.isObject() && document.has("Findings")) {
            findings = document.get("Findings");
            if (!findings.isArray()) {
                throw ApiException.invalidInput("Findings must be a list of findings");
            }
        } else if (document.isObject() && document.has("SchemaVersion")) {
            return List.of(Converted.finding((ObjectNode) document));
        } else {
            throw ApiException.invalidInput("An ASFF document is a BatchImportFindings body {\"Findings\": [...]}, an array of findings"
                    + " or one finding (an object with SchemaVersion)");
        }
        List<Converted> converted = new ArrayList<>();
        for (JsonNode finding : findings) {
            converted.add(finding.isObject() ? Converted.finding((ObjectNode) finding)
                    : Converted.refused("", "Findings[" + converted.size() + "]: a finding must be a JSON object"));
        }
        return converted;
    }
}
