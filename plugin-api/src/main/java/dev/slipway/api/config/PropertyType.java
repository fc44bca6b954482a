package dev.slipway.api.config;

/**
 * The type of a configuration property. Values given as text (from YAML, environment variables or a form)
 * are converted to the type: {@code "5"} to 5, {@code yes}/{@code true} to true, {@code "30s"},
 * {@code "5m"} or {@code "PT30S"} to a duration, a single string to a one-element list.
 *
 * @since 0.1
 */
public enum PropertyType
{
    /** Text. Java type {@link String}. @since 0.1 */
    STRING,
    /** Text that must not be shown: masked in logs, the console and the API. Java type {@link Secret}. @since 0.1 */
    SECRET,
    /** A whole number within {@code int}. Java type {@link Integer}. @since 0.1 */
    INTEGER,
    /** true or false. Java type {@link Boolean}. @since 0.1 */
    BOOLEAN,
    /** A length of time. Java type {@link java.time.Duration}. @since 0.1 */
    DURATION,
    /** One of a fixed set of strings. Java type {@link String}. @since 0.1 */
    ENUM,
    /** A list of strings. Java type {@code List<String>}. @since 0.1 */
    STRING_LIST,
}
