package io.muster.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How long findings are kept (muster.retention.*): by default for ever, unlike Security Hub's fixed 90 days. */
@ConfigMapping(prefix = "muster.retention")
public interface RetentionConfig {

    /** Findings not updated for this long are archived, or deleted (e.g. 365D); unset keeps every finding. */
    Optional<Duration> period();

    /** ARCHIVE sets RecordState ARCHIVED (with a history record); DELETE archives, then removes the finding. */
    @WithDefault("ARCHIVE")
    Action action();

    /** Findings handled per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How often the retention job runs (on one replica at a time). */
    @WithDefault("1H")
    Duration interval();

    enum Action {
        ARCHIVE, DELETE
    }
}
