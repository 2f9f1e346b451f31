package io.muster.finding;

import io.muster.auth.Caller;

/**
 * Makes an import part of a scan session (implemented by io.muster.ingest.ScanSessions): given the scan an
 * import names, the hook that records what the import stored, or a refusal when the scan is not open.
 */
public interface ScanRecorders {

    /** The header that makes an import (BatchImportFindings or an import in another format) part of a scan. */
    String SCAN_HEADER = "X-Muster-Scan-Id";

    ImportHook recorder(String scanId, Caller caller);
}
