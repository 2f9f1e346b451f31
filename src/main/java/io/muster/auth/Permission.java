package io.muster.auth;

/** What a caller may do; roles are sets of these, and every route requires one. */
public enum Permission {
    /** Read the API description: every role may. */
    DESCRIBE_API,
    /** Read findings, history, insights, standards and scores. */
    READ_FINDINGS,
    /** Send findings (BatchImportFindings and the other ingest paths). */
    IMPORT_FINDINGS,
    /** Change findings as an analyst (BatchUpdateFindings, UpdateFindings). */
    UPDATE_FINDINGS,
    /** Create, change and delete custom insights. */
    MANAGE_INSIGHTS,
    /** Invoke custom actions. */
    INVOKE_ACTIONS,
    /** Everything else: credentials, users, packs, rules, targets, the audit log. */
    ADMINISTER
}
