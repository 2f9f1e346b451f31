package io.muster.finding;

/** One changed field of a finding: its ASFF path ({@code Workflow.Status}) and its values as text. */
public record FieldChange(String field, String oldValue, String newValue) {
}
