package io.muster.finding;

import java.time.Instant;
import java.util.Collection;

/**
 * A step the import pipeline runs, inside its transaction, on the findings an import call created or
 * changed, after Security Hub's import rules — automation rules are one. A step changes findings only
 * through {@link FindingState#apply}, so its changes get history and events like any other.
 */
public interface ImportStep {

    void apply(Collection<FindingState> changed, Instant now);
}
