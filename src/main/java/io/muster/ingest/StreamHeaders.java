package io.muster.ingest;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The headers of a findings-stream message, whichever broker carried it (Kafka record headers, RabbitMQ
 * properties and headers, or this record itself as metadata on the in-memory connector), with names in
 * lower case. They say what the payload is and where it belongs:
 * <ul>
 * <li>{@code content-type}: {@code application/json} (ASFF, the default), or
 * {@code application/[vnd.muster.]<format>+json} — e.g. {@code application/ocsf+json},
 * {@code application/sarif+json}, {@code application/vnd.muster.trivy+json};</li>
 * <li>{@code muster-aws-account-id}, {@code muster-region}: the account and Region for formats that name none;</li>
 * <li>{@code muster-scan-id}: the scan session the findings belong to.</li>
 * </ul>
 */
public record StreamHeaders(Map<String, String> values) {

    public static final String CONTENT_TYPE = "content-type";
    public static final String ACCOUNT = "muster-aws-account-id";
    public static final String REGION = "muster-region";
    public static final String SCAN = "muster-scan-id";
    private static final Pattern FORMAT_TYPE = Pattern.compile("application/(?:vnd\\.muster\\.)?([a-z0-9]+)\\+(?:json|ndjson|x-ndjson)");

    public StreamHeaders {
        Map<String, String> lower = new TreeMap<>();
        values.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        values = Map.copyOf(lower);
    }

    public static StreamHeaders of(Message<?> message) {
        var own = message.getMetadata(StreamHeaders.class);
        if (own.isPresent()) {
            return own.get();
        }
        Map<String, String> values = new TreeMap<>();
        message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(kafka -> {
            for (Header header : kafka.getHeaders()) {
                if (header.value() != null) {
                    values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        });
        message.getMetadata(IncomingRabbitMQMetadata.class).ifPresent(rabbit -> {
            rabbit.getHeaders().forEach((name, value) -> values.put(name, String.valueOf(value)));
            rabbit.getContentType().ifPresent(type -> values.put(CONTENT_TYPE, type));
        });
        return new StreamHeaders(values);
    }

    public String get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The format the content type names: ASFF for JSON (or none), else the format of {@code application/<format>+json}. */
    public String format() {
        String type = get(CONTENT_TYPE);
        if (type == null) {
            return "asff";
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (media.equals("application/json") || media.equals("application/x-ndjson") || media.equals("application/ndjson")
                || media.equals("text/plain") || media.equals("application/octet-stream")) {
            return "asff";
        }
        Matcher matcher = FORMAT_TYPE.matcher(media);
        return matcher.matches() ? matcher.group(1) : media;
    }
}
