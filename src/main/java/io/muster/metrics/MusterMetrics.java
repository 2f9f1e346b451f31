package io.muster.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Muster's own meters, at /q/metrics with the JVM's and HTTP's: findings imported and rejected by product,
 * import and GetFindings latency, delivery attempts and failures by target. (Gauges of the outbox and the
 * scores are in {@link StateGauges}.)
 */
@ApplicationScoped
public class MusterMetrics {

    private static final Pattern PRODUCT = Pattern.compile(":product/([^/]+/[^/]+)$");

    @Inject
    MeterRegistry registry;

    /** Findings stored by an import, counted under their product ({@code company/product} of the ARN). */
    public void imported(String productArn, int count) {
        registry.counter("muster.findings.imported", "product", product(productArn)).increment(count);
    }

    /** A finding an import refused, with why (the ErrorCode BatchImportFindings answers). */
    public void rejected(String productArn, String reason) {
        registry.counter("muster.findings.rejected", "product", product(productArn), "reason", reason).increment();
    }

    /** Times one import call (BatchImportFindings, a converted format, a stream message). */
    public <T> T timeImport(Supplier<T> work) {
        return timer("muster.import.duration", "Time to validate and store one import call").record(work);
    }

    /** Times one GetFindings query. */
    public <T> T timeGetFindings(Supplier<T> work) {
        return timer("muster.getfindings.duration", "Time to answer one GetFindings call").record(work);
    }

    /** One attempt to deliver an event to an outbound target, and whether the receiver took it. */
    public void deliveryAttempt(String target, boolean delivered) {
        registry.counter("muster.delivery.attempts", "target", target, "outcome", delivered ? "delivered" : "failed").increment();
        if (!delivered) {
            registry.counter("muster.delivery.failures", "target", target).increment();
        }
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    static String product(String productArn) {
        if (productArn == null) {
            return "unknown";
        }
        Matcher matcher = PRODUCT.matcher(productArn);
        return matcher.find() ? matcher.group(1) : "unknown";
    }
}
