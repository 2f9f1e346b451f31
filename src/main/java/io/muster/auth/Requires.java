package io.muster.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a route needs, and the operation name it is audited under. Every route either carries
 * this or {@link Public}; a route with neither is refused (fail closed), and a test checks that none exists.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {

    Permission value();

    /** The operation, as Security Hub names it (BatchImportFindings) or as Muster names its own. */
    String operation();

    /** Whether the operation changes state, so that every successful call is written to the audit log. */
    boolean changesState() default false;

    /**
     * The largest request body the route takes. A request that declares a longer body (Content-Length) is
     * refused before it is authenticated or read; the route itself still bounds what it reads.
     */
    long maxBodyBytes() default DEFAULT_MAX_BODY_BYTES;

    /** What a route takes unless it says otherwise: the largest configuration or query body, with room. */
    long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
}
