package io.muster.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.JsonInput;
import io.muster.auth.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Outbound targets: webhooks signed per Standard Webhooks with a secret Muster generates ({@code whsec_…},
 * shown once, stored encrypted) and can rotate (the previous secret keeps signing beside the new one for
 * {@code muster.outbound.secret-grace-period}).
 */
@ApplicationScoped
public class OutboundTargets {

    /** Headers a target may not set: Muster's own, and those the HTTP client manages. */
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "webhook-id", "webhook-timestamp",
            "webhook-signature", "connection", "upgrade", "expect", "transfer-encoding");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A target just created or rotated, with its new secret in plain text — the only time it is shown. */
    public record WithSecret(OutboundTarget target, String secret, Instant previousSecretValidUntil) {
    }

    /** The secrets that sign a request now: the current one, and the previous one during its grace period. */
    record Secrets(String current, String previous) {
    }

    @Inject
    OutboundTargetStore store;

    @Inject
    SecretCipher cipher;

    @Inject
    AddressGuard guard;

    @Inject
    OutboundConfig config;

    @Inject
    ChannelSender channels;

    public WithSecret create(JsonInput request) {
        request.allowOnly("Name", "Kind", "Url", "Headers", "TimeoutSeconds", "Channel");
        OutboundTarget.Kind kind = request.member("Kind").isPresent() ? request.member("Kind").enumValue(OutboundTarget.Kind.class)
                : OutboundTarget.Kind.WEBHOOK;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String name = request.member("Name").require().text(1, 128);
        if (kind == OutboundTarget.Kind.CHANNEL) {
            if (request.member("Url").isPresent() || request.member("Headers").isPresent()) {
                throw ApiException.invalidInput("A CHANNEL target publishes to a messaging channel; Url and Headers are for WEBHOOK targets");
            }
            String channelName = request.member("Channel").isPresent() ? request.member("Channel").text(1, 64) : ChannelSender.CHANNEL;
            if (!channelName.equals(ChannelSender.CHANNEL)) {
                throw ApiException.invalidInput("Channel '" + channelName + "' is not a channel Muster publishes to; use '"
                        + ChannelSender.CHANNEL + "'");
            }
            if (!channels.available()) {
                throw ApiException.invalidInput("The channel " + ChannelSender.CHANNEL + " is not configured: set mp.messaging.outgoing."
                        + ChannelSender.CHANNEL + ".enabled=true and its broker settings first (README, Configuration)");
            }
            OutboundTarget target = new OutboundTarget(UUID.randomUUID().toString(), name, kind, null, null,
                    timeout(request.member("TimeoutSeconds"), null), channelName, OutboundTarget.Status.ENABLED, null, now, now);
            store.insert(new OutboundTargetStore.Row(target, null, null, null));
            return new WithSecret(target, null, null);
        }
        if (request.member("Channel").isPresent()) {
            throw ApiException.invalidInput("Channel is for CHANNEL targets; a WEBHOOK target has a Url");
        }
        OutboundTarget target = new OutboundTarget(UUID.randomUUID().toString(), name, kind,
                url(request.member("Url").require()), headers(request.member("Headers")), timeout(request.member("TimeoutSeconds"), null),
                null, OutboundTarget.Status.ENABLED, null, now, now);
        String secret = newSecret();
        store.insert(new OutboundTargetStore.Row(target, cipher.encrypt(secret), null, null));
        return new WithSecret(target, secret, null);
    }

    public List<OutboundTarget> list() {
        return store.all().stream().map(OutboundTargetStore.Row::target).toList();
    }

    public OutboundTarget find(String id) {
        return store.find(id).map(OutboundTargetStore.Row::target).orElseThrow(() -> notFound(id));
    }

    public OutboundTarget update(String id, JsonInput request) {
        request.allowOnly("Name", "Url", "Headers", "TimeoutSeconds", "Status");
        OutboundTarget old = find(id);
        JsonInput name = request.member("Name");
        JsonInput url = request.member("Url");
        JsonInput headers = request.member("Headers");
        JsonInput status = request.member("Status");
        OutboundTarget.Status newStatus = status.isPresent() ? status.enumValue(OutboundTarget.Status.class) : old.status();
        OutboundTarget target = new OutboundTarget(id, name.isPresent() ? name.text(1, 128) : old.name(), old.kind(),
                url.isPresent() ? webhookOnly(old, url(url)) : old.url(), headers.isPresent() ? webhookOnly(old, headers(headers)) : old.headers(),
                timeout(request.member("TimeoutSeconds"), old.timeoutMillis()), old.channel(), newStatus,
                newStatus == old.status() ? old.statusReason() : (newStatus == OutboundTarget.Status.DISABLED ? "disabled by an administrator" : null),
                old.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (!store.update(target)) {
            throw notFound(id);
        }
        return target;
    }

    /** A new secret; the current one keeps signing beside it for the grace period. */
    public WithSecret rotate(String id) {
        OutboundTargetStore.Row row = store.find(id).orElseThrow(() -> notFound(id));
        if (row.target().kind() != OutboundTarget.Kind.WEBHOOK) {
            throw ApiException.invalidInput("Only WEBHOOK targets have a signing secret");
        }
        String secret = newSecret();
        Instant until = Instant.now().plus(config.secretGracePeriod()).truncatedTo(ChronoUnit.MICROS);
        store.rotate(id, cipher.encrypt(secret), row.secret(), until);
        return new WithSecret(row.target(), secret, until);
    }

    public void delete(String id, List<String> usedByRules) {
        if (!usedByRules.isEmpty()) {
            throw ApiException.invalidInput("Target " + id + " is used by the rules " + String.join(", ", usedByRules)
                    + "; remove it from them first");
        }
        if (!store.delete(id)) {
            throw notFound(id);
        }
    }

    Secrets secrets(String id) {
        OutboundTargetStore.Row row = store.find(id).orElseThrow(() -> notFound(id));
        boolean inGrace = row.previousSecret() != null && row.previousSecretUntil() != null && Instant.now().isBefore(row.previousSecretUntil());
        return new Secrets(cipher.decrypt(row.secret()), inGrace ? cipher.decrypt(row.previousSecret()) : null);
    }

    private static <T> T webhookOnly(OutboundTarget target, T value) {
        if (target.kind() != OutboundTarget.Kind.WEBHOOK) {
            throw ApiException.invalidInput("Url and Headers are for WEBHOOK targets");
        }
        return value;
    }

    private String url(JsonInput url) {
        String text = url.text(1, 2048);
        guard.check(text);
        return text;
    }

    private static ObjectNode headers(JsonInput headers) {
        if (!headers.isPresent()) {
            return null;
        }
        ObjectNode node = (ObjectNode) headers.requireObject().node();
        for (var entry : node.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}") || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw ApiException.invalidInput(headers.path() + "." + name + ": not a header a target may set");
            }
            if (!value.isTextual() || value.textValue().length() > 4096 || value.textValue().matches("(?s).*[\\r\\n].*")) {
                throw ApiException.invalidInput(headers.path() + "." + name + " must be a single-line string of at most 4096 characters");
            }
        }
        return node.deepCopy();
    }

    private int timeout(JsonInput seconds, Integer current) {
        if (seconds.isPresent()) {
            return seconds.integer(1, 30) * 1000;
        }
        return current != null ? current : (int) config.defaultTimeout().toMillis();
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("No outbound target has the id '" + id + "'; GET /outbound/targets lists them");
    }
}
