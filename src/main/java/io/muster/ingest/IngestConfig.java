package io.muster.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How findings arrive other than through BatchImportFindings: converted formats and the findings stream. */
@ConfigMapping(prefix = "muster.ingest")
public interface IngestConfig {

    /**
     * Findings stored per transaction when one document (a Trivy report, a stream message, an OCSF file)
     * holds many; each batch commits on its own, so a large document never holds locks for long.
     */
    @WithDefault("500")
    int batchSize();

    /**
     * The largest document a format import or a stream message may be (a 100 MB Prowler or Trivy report
     * fits). It is read as a stream, record by record, so memory does not grow with it; the HTTP server's
     * own limit ({@code quarkus.http.limits.max-body-size}) must be at least as large.
     */
    @WithDefault("256M")
    io.quarkus.runtime.configuration.MemorySize maxDocumentSize();

    /** Refused records listed one by one in an import's answer; beyond that they are only counted. */
    @WithDefault("1000")
    int maxReportedFailures();

    /**
     * Stream messages stored at once (the {@code muster-ingest} worker pool's size, applied through
     * {@code smallrye.messaging.worker.muster-ingest.max-concurrency}); each runs its own transactions.
     */
    @WithDefault("4")
    int concurrency();

    /** The identity recorded in history for findings that arrive on the findings stream. */
    @WithDefault("stream:muster-findings")
    String streamIdentity();

    /**
     * On RabbitMQ, the durable queue Muster declares and binds to the dead-letter exchange so that dead
     * letters are kept; empty to declare none.
     */
    @WithDefault("muster-findings-dead-letter")
    String deadLetterQueue();

    /** Attempts at storing a stream message while the database refuses (with backoff) before the message is nacked. */
    @WithDefault("5")
    int streamAttempts();
}
