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
}
