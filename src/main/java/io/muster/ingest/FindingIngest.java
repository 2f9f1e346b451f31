package io.muster.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.auth.Caller;
import io.muster.finding.FindingImporter;
import io.muster.finding.ImportHook;
import io.muster.finding.ImportResult;
import io.muster.finding.IncomingFinding;
import io.muster.ingest.convert.ConversionContext;
import io.muster.ingest.convert.Converted;
import io.muster.ingest.convert.FindingConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Findings in any format Muster reads, through the one import pipeline: the body is read as one JSON
 * document or as NDJSON (one document per line), each document converted by its format's
 * {@link FindingConverter}, and the findings stored in batches of {@code muster.ingest.batch-size} by the
 * {@link FindingImporter} — validated, deduplicated and recorded exactly as BatchImportFindings does.
 * Records that cannot be converted are reported one by one with the reason; the others are stored.
 */
@ApplicationScoped
public class FindingIngest {

    /** The largest body the format endpoint and the stream take (a large Trivy report or OCSF file). */
    public static final int MAX_BODY_BYTES = 15 * 1024 * 1024;
    private static final Pattern ACCOUNT = Pattern.compile(".{12}");

    private final Map<String, FindingConverter> converters = new TreeMap<>();

    @Inject
    FindingImporter importer;

    @Inject
    ScanSessions scans;

    @Inject
    IngestConfig config;

    @Inject
    io.muster.MusterConfig muster;

    @Inject
    void register(Instance<FindingConverter> all) {
        all.forEach(converter -> converters.put(converter.format(), converter));
    }

    /** Where a document came from and what the sender said about it. */
    public record Source(Caller caller, String accountId, String region, String scanId) {
    }

    /** The names of the formats Muster reads. */
    public List<String> formats() {
        return List.copyOf(converters.keySet());
    }

    public ImportResult ingest(String format, byte[] body, Source source) {
        FindingConverter converter = converter(format);
        ConversionContext context = context(source);
        ImportHook hook = source.scanId() == null ? ImportHook.NONE : scans.recorder(source.scanId(), source.caller());
        List<ImportResult.FailedFinding> failed = new ArrayList<>();
        List<IncomingFinding> batch = new ArrayList<>();
        int stored = 0;
        for (JsonNode document : documents(body)) {
            for (Converted record : converter.convert(document, context)) {
                if (record.isRefused()) {
                    failed.add(new ImportResult.FailedFinding(record.sourceId(), "InvalidInput",
                            "The " + format + " record could not be converted to ASFF: " + record.problem()));
                    continue;
                }
                batch.add(new IncomingFinding(record.finding(), Json.write(record.finding()).getBytes(StandardCharsets.UTF_8).length));
                if (batch.size() == config.batchSize()) {
                    stored += store(batch, source, hook, failed);
                }
            }
        }
        if (!batch.isEmpty()) {
            stored += store(batch, source, hook, failed);
        }
        return new ImportResult(stored, failed);
    }

    private int store(List<IncomingFinding> batch, Source source, ImportHook hook, List<ImportResult.FailedFinding> failed) {
        ImportResult result = importer.importFindings(List.copyOf(batch), source.caller(), hook);
        batch.clear();
        failed.addAll(result.failedFindings());
        return result.successCount();
    }

    FindingConverter converter(String format) {
        FindingConverter converter = format == null ? null : converters.get(format.toLowerCase(java.util.Locale.ROOT));
        if (converter == null) {
            throw ApiException.invalidInput("Unknown format '" + format + "'; Muster reads " + String.join(", ", converters.keySet()));
        }
        return converter;
    }

    private ConversionContext context(Source source) {
        if (source.accountId() != null && !ACCOUNT.matcher(source.accountId()).matches()) {
            throw ApiException.invalidInput("AwsAccountId '" + source.accountId() + "' must be 12 characters");
        }
        if (source.region() != null && (source.region().isBlank() || source.region().length() > 16)) {
            throw ApiException.invalidInput("Region '" + source.region() + "' must be 1 to 16 characters");
        }
        return new ConversionContext(source.accountId(), source.region() == null ? muster.region() : source.region(), Instant.now());
    }

    /** The body as JSON documents: one JSON value, or several (NDJSON: one per line). */
    static List<JsonNode> documents(byte[] body) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            while (parser.nextToken() != null) {
                documents.add(Json.MAPPER.readTree(parser));
            }
        } catch (JsonProcessingException e) {
            throw ApiException.invalidInput("Request body is not valid JSON or NDJSON: " + JsonInput.describe(e));
        } catch (IOException e) {
            throw ApiException.invalidInput("Request body could not be read: " + e.getMessage());
        }
        if (documents.isEmpty()) {
            throw ApiException.invalidInput("Request body holds no JSON document");
        }
        return documents;
    }
}
