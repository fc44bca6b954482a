package dev.slipway.server.http;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The action a resource method performs, in the IAM style of DESIGN.md ({@code project:StartBuild},
 * {@code build:Stop}); the resource it acts on is named by the method's path parameters. Every API method declares
 * one, so that the security feature can authorise every request in one request filter (reading this annotation
 * through {@code ResourceInfo}) without touching the resources. Until then every endpoint is open.
 */
@Documented
@Retention(RUNTIME)
@Target(METHOD)
public @interface Permission
{
    /** @return the action, {@code <resource type>:<Operation>} */
    String value();
}
