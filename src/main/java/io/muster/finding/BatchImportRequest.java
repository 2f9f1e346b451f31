package io.muster.finding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BatchImportFindings body, {@code {"Findings": [ … ]}}, keeping each finding's size as sent
 * (Security Hub's 240 KB limit is on the finding, not on the request). A bare JSON array of findings —
 * the shape of the AWS CLI's {@code --findings file://…} — is accepted too.
 */
final class BatchImportRequest {

    /** Security Hub's limit on the request body. */
    static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    private BatchImportRequest() {
    }

    static List<IncomingFinding> read(byte[] body) {
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            List<IncomingFinding> findings = null;
            String unknownMember = null;
            if (first == JsonToken.START_ARRAY) {
                findings = elements(parser);
            } else if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (!name.equals("Findings")) {
                        unknownMember = unknownMember == null ? name : unknownMember;
                        parser.skipChildren();
                        continue;
                    }
                    if (value != JsonToken.START_ARRAY) {
                        throw ApiException.invalidInput("Findings must be a list of findings");
                    }
                    findings = elements(parser);
                }
            } else if (first == null) {
                throw ApiException.invalidInput("Findings is required");
            } else {
                throw ApiException.invalidInput("Request body must be a JSON object with a Findings list");
            }
            if (parser.nextToken() != null) {
                throw ApiException.invalidInput("Request body has content after its JSON value");
            }
            if (unknownMember != null) {
                throw ApiException.invalidInput("Unknown member '" + unknownMember + "' in BatchImportFindings request; expected Findings");
            }
            if (findings == null) {
                throw ApiException.invalidInput("Findings is required");
            }
            if (findings.isEmpty()) {
                throw ApiException.invalidInput("Invalid parameter 'Findings'. Size '0' is less than minimum value: 1.");
            }
            if (findings.size() > FindingImporter.MAX_FINDINGS) {
                throw ApiException.invalidInput("Invalid parameter 'Findings'. Size '" + findings.size()
                        + "' is greater than maximum value: " + FindingImporter.MAX_FINDINGS + ".");
            }
            return findings;
        } catch (JsonProcessingException e) {
            throw ApiException.invalidInput("Request body is not valid JSON: " + JsonInput.describe(e));
        } catch (IOException e) {
            throw ApiException.invalidInput("Request body could not be read: " + e.getMessage());
        }
    }

    private static List<IncomingFinding> elements(JsonParser parser) throws IOException {
        List<IncomingFinding> findings = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long start = parser.currentTokenLocation().getByteOffset();
            JsonNode finding = Json.MAPPER.readTree(parser);
            long end = parser.currentLocation().getByteOffset();
            findings.add(new IncomingFinding(finding, end - start));
        }
        return findings;
    }
}
