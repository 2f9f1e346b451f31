package io.muster.outbound;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Sends one event to one webhook, signed per Standard Webhooks: {@code webhook-id} (the event id, the same
 * on every retry, for the receiver's deduplication), {@code webhook-timestamp} and {@code webhook-signature}
 * ({@code v1,<HMAC-SHA256>} with the target's secret, and a second signature with the previous secret
 * during a rotation's grace period), via the {@code standardwebhooks} library.
 */
@ApplicationScoped
public class WebhookSender {

    /** What one attempt got: a status code (null when no answer came), its latency, an error, a Retry-After. */
    public record Outcome(Integer statusCode, long latencyMillis, String error, Duration retryAfter) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        /** 429, 5xx and no answer at all (timeout, refused connection) are worth another try; other answers are final. */
        boolean retryable() {
            return statusCode == null || statusCode == 429 || statusCode >= 500;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    AddressGuard guard;

    Outcome send(OutboundTarget target, OutboundTargets.Secrets secrets, String eventId, String payload) {
        long started = System.nanoTime();
        URI uri = URI.create(target.url());
        String refusal = guard.refusal(uri.getHost());
        if (refusal != null) {
            return new Outcome(null, 0, refusal, null);
        }
        try {
            long timestamp = Instant.now().getEpochSecond();
            String signature = new Webhook(secrets.current()).sign(eventId, timestamp, payload);
            if (secrets.previous() != null) {
                signature += " " + new Webhook(secrets.previous()).sign(eventId, timestamp, payload);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(target.timeoutMillis()))
                    .header("Content-Type", "application/json").header("User-Agent", "Muster-Webhooks/1")
                    .header("webhook-id", eventId).header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
            if (target.headers() != null) {
                target.headers().properties().forEach(header -> request.header(header.getKey(), header.getValue().asText()));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long latency = (System.nanoTime() - started) / 1_000_000;
            int status = response.statusCode();
            String error = status >= 200 && status < 300 ? null : "HTTP " + status + answer(response.body());
            return new Outcome(status, latency, error, retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        } catch (HttpTimeoutException e) {
            return new Outcome(null, (System.nanoTime() - started) / 1_000_000, "no answer within " + target.timeoutMillis() + " ms", null);
        } catch (IOException e) {
            return new Outcome(null, (System.nanoTime() - started) / 1_000_000, "could not reach " + uri.getHost() + ": " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, (System.nanoTime() - started) / 1_000_000, "interrupted (Muster is stopping)", null);
        } catch (WebhookSigningException | IllegalArgumentException e) {
            return new Outcome(null, 0, "could not sign or build the request: " + e.getMessage(), null);
        }
    }

    private static String answer(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    /** The longest a receiver's Retry-After can postpone a delivery: a day (a larger one is read as a day). */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    /** Retry-After as seconds or an HTTP date, at most {@link #MAX_RETRY_AFTER}; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            // any number of digits: a value past a long, or past the cap, waits the cap
            return text.length() > 9 ? MAX_RETRY_AFTER : cap(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Duration wait = Duration.between(Instant.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return wait.isNegative() ? Duration.ZERO : cap(wait);
        } catch (DateTimeParseException | ArithmeticException notADate) {
            return null;
        }
    }

    private static Duration cap(Duration wait) {
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
