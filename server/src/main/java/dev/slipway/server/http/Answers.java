package dev.slipway.server.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a resource method answers when it succeeds, for the OpenAPI document, where the Java signature does not say it:
 * a method that returns {@code Response} (a 201 with a Location, a file, an SVG) or whose request body may be absent.
 * A method without it answers 200 with its return type, 204 when it returns nothing, 200 with its media types when it
 * streams. {@code OpenApiIT} fails for a method returning {@code Response} without it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Answers
{
    /** @return the success status, e.g. 201 for a method that creates */
    int status();

    /** @return the type of the response body; {@code Void} for none */
    Class<?> body() default Void.class;

    /** @return further success statuses with the same body, e.g. 200 for an idempotent replay of a create */
    int[] alsoWith() default {};

    /** @return false when the request body may be left out (the method then uses its defaults) */
    boolean requestBodyRequired() default true;
}
