package io.muster.auth;

import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per credential: {@code muster.auth.rate-limit} requests a second with bursts of
 * {@code muster.auth.rate-burst}. Over the limit a request is refused with LimitExceededException (429),
 * which the AWS SDKs retry with back-off. Buckets live in each replica's memory, so with N replicas a
 * credential may reach N times the rate.
 */
@ApplicationScoped
public class RateLimiter {

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    @Inject
    AuthConfig config;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public void acquire(String credentialId) {
        int rate = config.rateLimit();
        if (rate <= 0) {
            return;
        }
        long now = System.nanoTime();
        int burst = Math.max(config.rateBurst(), 1);
        Bucket bucket = buckets.computeIfAbsent(credentialId, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * rate);
            bucket.refilledAt = now;
            if (bucket.tokens < 1) {
                throw new ApiException(ErrorCode.LimitExceededException, "Rate exceeded: " + credentialId + " may make "
                        + rate + " requests a second (bursts of " + burst + "); retry with back-off");
            }
            bucket.tokens -= 1;
        }
    }
}
