package io.muster.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A stored automation rule: Security Hub's AutomationRulesConfig. */
public record AutomationRule(String arn, String name, String description, int order, Status status, boolean terminal,
        ObjectNode criteria, JsonNode actions, ObjectNode tags, Instant createdAt, Instant updatedAt, String createdBy) {

    public enum Status {
        ENABLED,
        DISABLED
    }

    /** Rules apply lowest RuleOrder first; of equal orders, the one edited longest ago first. */
    public static int byPrecedence(AutomationRule a, AutomationRule b) {
        int byOrder = Integer.compare(a.order(), b.order());
        return byOrder != 0 ? byOrder : a.updatedAt().compareTo(b.updatedAt());
    }
}
