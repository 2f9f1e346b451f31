package io.muster.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.automation.AutomationRule;
import io.muster.automation.AutomationRuleStore;
import io.muster.db.Database;
import io.muster.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags on the Security Hub resources AWS lets users tag — the hub ({@code …:hub/default}), automation rules
 * ({@code …:automation-rule/<id>}, which must exist) and configuration policies (Muster has none, so
 * ResourceNotFoundException) — with AWS's limits: keys of 1 to 128 characters matching the model's pattern
 * {@code ^(?!aws:)[a-zA-Z+-=._:/]+$} (the reserved {@code aws:} prefix refused in any case), values of 0 to 256
 * characters, at most 50 tags per request and per resource. Any other ARN is refused with
 * InvalidInputException naming it. An automation rule's creation {@code Tags} are its first tags.
 *
 * <p>This is the service other features call (EnableSecurityHub's {@code Tags}); it does not check the
 * caller's scope — {@link #owner(String)} names the account a resource belongs to, for callers that must.
 */
@ApplicationScoped
public class ResourceTags {

    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    /** The character class of the botocore model's TagKey pattern, as written there ({@code +-=} is a range). */
    private static final Pattern KEY = Pattern.compile("[a-zA-Z+-=._:/]+");
    private static final String ARN_PREFIX = "arn:aws:securityhub:";
    private static final Pattern HUB = Pattern.compile("arn:aws:securityhub:([^:]+):([^:]+):hub/default");
    private static final Pattern AUTOMATION_RULE = Pattern.compile("arn:aws:securityhub:([^:]+):([^:]+):automation-rule/.+");
    private static final Pattern CONFIGURATION_POLICY = Pattern.compile("arn:aws:securityhub:([^:]+):([^:]+):configuration-policy/.+");

    /** A resource that can carry tags, and the tags it carries before Muster keeps its tag set. */
    private record Taggable(String arn, String account, Map<String, String> initialTags) {
    }

    @Inject
    AutomationRuleStore rules;

    @Inject
    Database database;

    @Inject
    Transactions transactions;

    @Inject
    TransactionManager transactionManager;

    /** Adds these tags to the resource, replacing the values of keys it carries already. */
    public void tag(String resourceArn, Map<String, String> tags) {
        Taggable resource = resolve(resourceArn);
        if (tags == null || tags.isEmpty() || tags.size() > MAX_TAGS) {
            throw ApiException.invalidInput("Tags must hold 1 to " + MAX_TAGS + " tags, not " + (tags == null ? 0 : tags.size()));
        }
        tags.forEach(ResourceTags::checkTag);
        write(connection -> {
            Map<String, String> current = keep(connection, resource);
            long total = current.size() + tags.keySet().stream().filter(key -> !current.containsKey(key)).count();
            if (total > MAX_TAGS) {
                throw ApiException.invalidInput("Resource " + resource.arn() + " would carry " + total + " tags; a resource carries at most "
                        + MAX_TAGS + " (it has " + current.size() + "; remove some with UntagResource first)");
            }
            for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
                ResourceTagStore.put(connection, resource.arn(), tag.getKey(), tag.getValue());
            }
            return null;
        });
    }

    /** Removes the tags with these keys; keys the resource does not carry are ignored, as AWS does. */
    public void untag(String resourceArn, Collection<String> tagKeys) {
        Taggable resource = resolve(resourceArn);
        if (tagKeys == null || tagKeys.isEmpty() || tagKeys.size() > MAX_TAGS) {
            throw ApiException.invalidInput("tagKeys must name 1 to " + MAX_TAGS + " tag keys, not " + (tagKeys == null ? 0 : tagKeys.size()));
        }
        tagKeys.forEach(ResourceTags::checkKey);
        write(connection -> {
            keep(connection, resource);
            for (String key : tagKeys) {
                ResourceTagStore.remove(connection, resource.arn(), key);
            }
            return null;
        });
    }

    /** The resource's tags, by key (sorted). */
    public Map<String, String> list(String resourceArn) {
        Taggable resource = resolve(resourceArn);
        try (Connection connection = database.connection()) {
            if (ResourceTagStore.isKept(connection, resource.arn())) {
                return ResourceTagStore.tags(connection, resource.arn());
            }
            return new TreeMap<>(resource.initialTags());
        } catch (SQLException e) {
            throw new IllegalStateException("Tags could not be read", e);
        }
    }

    /** The account a taggable resource belongs to (the account in its ARN); refuses ARNs that cannot carry tags. */
    public String owner(String resourceArn) {
        return resolve(resourceArn).account();
    }

    /** Checks one tag against AWS's limits, naming it in the error. */
    static void checkTag(String key, String value) {
        checkKey(key);
        if (value == null) {
            throw ApiException.invalidInput("Tag '" + key + "' has no value; a tag value is a string of 0 to " + MAX_VALUE_LENGTH + " characters");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw ApiException.invalidInput("The value of tag '" + key + "' must be at most " + MAX_VALUE_LENGTH + " characters long, not "
                    + value.length());
        }
    }

    static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.invalidInput("Tag key '" + (key == null ? "" : abbreviated(key)) + "' must be 1 to " + MAX_KEY_LENGTH
                    + " characters long, not " + (key == null ? 0 : key.length()));
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw ApiException.invalidInput("Tag key '" + key + "' starts with 'aws:', a prefix AWS reserves for its own tags");
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalidInput("Tag key '" + key + "' must match AWS's pattern ^(?!aws:)[a-zA-Z+-=._:/]+$ "
                    + "(letters, digits and + , - . / : ; < = _; no spaces)");
        }
    }

    private Taggable resolve(String arn) {
        if (arn == null || arn.isBlank()) {
            throw ApiException.invalidInput("ResourceArn is required");
        }
        Matcher hub = HUB.matcher(arn);
        if (hub.matches()) {
            return new Taggable(arn, hub.group(2), Map.of());
        }
        Matcher rule = AUTOMATION_RULE.matcher(arn);
        if (rule.matches()) {
            AutomationRule found = rules.find(arn).orElseThrow(() -> ApiException.notFound("No automation rule has the ARN '" + arn
                    + "'; ListAutomationRules lists them"));
            return new Taggable(arn, rule.group(2), creationTags(found.tags()));
        }
        if (CONFIGURATION_POLICY.matcher(arn).matches()) {
            throw ApiException.notFound("No configuration policy has the ARN '" + arn + "': Muster has no configuration policies");
        }
        throw ApiException.invalidInput("ResourceArn '" + abbreviated(arn) + "' cannot carry tags: Security Hub tags only the hub ("
                + ARN_PREFIX + "<region>:<account>:hub/default), automation rules (…:automation-rule/<id>) and configuration "
                + "policies (…:configuration-policy/<id>)");
    }

    private static Map<String, String> creationTags(ObjectNode tags) {
        Map<String, String> initial = new LinkedHashMap<>();
        if (tags != null) {
            tags.properties().forEach(tag -> initial.put(tag.getKey(), tag.getValue().asText()));
        }
        return initial;
    }

    /** The resource's current tags, after making sure Muster keeps its tag set (copying its creation tags once). */
    private static Map<String, String> keep(Connection connection, Taggable resource) throws SQLException {
        if (!ResourceTagStore.isKept(connection, resource.arn())) {
            ResourceTagStore.keep(connection, resource.arn(), resource.initialTags());
        }
        return ResourceTagStore.tags(connection, resource.arn());
    }

    /** Runs in the caller's transaction when there is one (EnableSecurityHub's), else in a transaction of its own. */
    private <T> T write(Transactions.Work<T> work) {
        if (inTransaction()) {
            try (Connection connection = database.connection()) {
                return work.run(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("Tags could not be written", e);
            }
        }
        return transactions.inTransaction(work);
    }

    private boolean inTransaction() {
        try {
            return transactionManager.getStatus() == Status.STATUS_ACTIVE;
        } catch (SystemException e) {
            throw new IllegalStateException("The transaction status could not be read", e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
