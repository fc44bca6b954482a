package dev.slipway.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API surface that is new and may still change incompatibly in a minor release. Everything
 * else in {@code dev.slipway.api} changes only by additions within a major version.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Experimental
{
    /**
     * The date (ISO {@code YYYY-MM-DD}) by which the surface is expected to become stable, or empty.
     *
     * @since 0.1
     */
    String eta() default "";
}
