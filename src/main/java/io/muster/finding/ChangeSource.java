package io.muster.finding;

/** Who changed a finding, as GetFindingHistory reports it in {@code UpdateSource}. */
public record ChangeSource(Type type, String identity) {

    public enum Type {
        BATCH_IMPORT_FINDINGS,
        BATCH_UPDATE_FINDINGS
    }

    public static ChangeSource importedBy(String identity) {
        return new ChangeSource(Type.BATCH_IMPORT_FINDINGS, identity);
    }

    public static ChangeSource updatedBy(String identity) {
        return new ChangeSource(Type.BATCH_UPDATE_FINDINGS, identity);
    }
}
