package io.muster.finding;

import io.muster.auth.AccessScope;
import java.util.List;

/**
 * What Muster knows about findings beyond their documents (implemented by io.muster.correlation): added to
 * GetFindings' answer when the request asks for it with {@code "Correlation": true}, never stored.
 */
public interface FindingAnnotations {

    /** The page's documents (as stored), each with Muster's annotations added; same order. */
    List<String> annotate(List<String> documents, AccessScope scope);
}
