package io.muster.action;

import java.time.Instant;

/** A custom action: a button analysts press on findings or insight results (Security Hub's ActionTarget). */
public record ActionTarget(String id, String arn, String name, String description, Instant createdAt) {
}
