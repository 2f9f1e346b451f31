package io.muster.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Findings in any format Muster reads, through the one import pipeline. The body is read as a stream —
 * one JSON document or NDJSON (one document per line), of any size up to {@link IngestConfig#maxDocumentSize()}
 * — and split at the format's record arrays ({@link RecordSplitter}), so each record is converted on its
 * own by the format's {@link FindingConverter} and memory stays flat whatever the document's size. The
 * findings are stored in batches of {@code muster.ingest.batch-size}, each in its own transaction, by the
 * {@link FindingImporter} — validated, deduplicated and recorded exactly as BatchImportFindings does.
 * Records that cannot be converted, and findings ASFF refuses, are reported one by one with the source
 * field at fault (the first {@link IngestConfig#maxReportedFailures()} of them, with the total count); the
 * others are stored.
 */
@ApplicationScoped
public class FindingIngest {

    private static final Pattern ACCOUNT = Pattern.compile(".{12}");
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(FindingIngest.class);

    private static String clip(String message) {
        String line = message.replace('\u0000', ' ').lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

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

    /** The largest document (request body or stream message) Muster reads, in bytes. */
    public long maxDocumentBytes() {
        return config.maxDocumentSize().asLongValue();
    }

    /**
     * Imports every record of the body. The body is read to its end first (refused with
     * {@code LimitExceededException} past the size limit, and as a whole when it is not JSON), then its
     * records are converted and stored batch by batch.
     */
    public IngestSummary ingest(String format, InputStream body, Source source) {
        FindingConverter converter = converter(format);
        long limit = maxDocumentBytes();
        try (SpooledBody spooled = SpooledBody.read(body, limit)) {
            return ingest(converter, format, spooled, source);
        } catch (BoundedInputStream.TooLarge e) {
            throw RequestBodies.tooLarge("ImportFindingsInFormat", limit, "; nothing was stored");
        } catch (IOException e) {
            throw ApiException.invalidInput("Request body could not be read: " + e.getMessage());
        }
    }

    /** Imports every record of a document already in memory (a stream message). */
    public IngestSummary ingest(String format, byte[] body, Source source) {
        return ingest(converter(format), format, SpooledBody.of(body), source);
    }

    private IngestSummary ingest(FindingConverter converter, String format, RecordSplitter.Body body, Source source) {
        ConversionContext context = context(source);
        ImportHook hook = source.scanId() == null ? ImportHook.NONE : scans.recorder(source.scanId(), source.caller());
        Run run = new Run(format, converter, context, source, hook);
        int documents;
        try {
            documents = new RecordSplitter(converter.recordArrays()).split(body, run::convert);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidInput("Request body is not valid JSON or NDJSON: " + JsonInput.describe(e) + run.storedSoFar());
        } catch (IOException e) {
            throw ApiException.invalidInput("Request body could not be read: " + e.getMessage() + run.storedSoFar());
        }
        if (documents == 0) {
            throw ApiException.invalidInput("Request body holds no JSON document");
        }
        run.flush();
        return run.summary();
    }

    /** One import call: converted findings waiting for their batch, and the running totals. */
    private final class Run {
        private final String format;
        private final FindingConverter converter;
        private final ConversionContext context;
        private final Source source;
        private final ImportHook hook;
        private final List<IncomingFinding> batch = new ArrayList<>();
        private final List<ImportResult.FailedFinding> failed = new ArrayList<>();
        private int failedCount;
        private int stored;

        Run(String format, FindingConverter converter, ConversionContext context, Source source, ImportHook hook) {
            this.format = format;
            this.converter = converter;
            this.context = context;
            this.source = source;
            this.hook = hook;
        }

        private int pieces;

        void convert(RecordSplitter.Piece piece) {
            List<Converted> records;
            try {
                records = converter.convert(piece.document(), context);
            } catch (ApiException notThisFormat) {
                if (pieces == 0) {
                    throw notThisFormat; // the document as a whole is not of this format: nothing to store
                }
                refuse(new ImportResult.FailedFinding("", "InvalidInput", piece.locate(notThisFormat.getMessage())));
                return;
            } catch (RuntimeException unreadable) {
                // a value the converter could not handle (a NUL for a time, a 20-digit number): this record only
                LOG.debugf(unreadable, "A %s record could not be converted", format);
                refuse(new ImportResult.FailedFinding("", "InvalidInput", piece.locate("The " + format + " record could not be "
                        + "converted to ASFF: a value in it could not be read (" + unreadable.getClass().getSimpleName()
                        + (unreadable.getMessage() == null ? "" : ": " + clip(unreadable.getMessage())) + ")")));
                return;
            } finally {
                pieces++;
            }
            for (Converted record : records) {
                if (record.isRefused()) {
                    refuse(new ImportResult.FailedFinding(record.sourceId(), "InvalidInput",
                            "The " + format + " record could not be converted to ASFF: " + piece.locate(record.problem())));
                    continue;
                }
                batch.add(new IncomingFinding(record.finding(), Json.write(record.finding()).getBytes(StandardCharsets.UTF_8).length));
                if (batch.size() >= config.batchSize()) {
                    flush();
                }
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            ImportResult result = importer.importFindings(List.copyOf(batch), source.caller(), hook);
            batch.clear();
            result.failedFindings().forEach(this::refuse);
            stored += result.successCount();
        }

        private void refuse(ImportResult.FailedFinding finding) {
            failedCount++;
            if (failed.size() < config.maxReportedFailures()) {
                failed.add(finding);
            }
        }

        String storedSoFar() {
            return stored == 0 && failedCount == 0 ? "; nothing was stored"
                    : "; " + stored + " findings before that point were stored and " + failedCount + " refused";
        }

        IngestSummary summary() {
            return new IngestSummary(stored, failedCount, List.copyOf(failed));
        }
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
}
