package dev.slipway.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A configuration that has passed its {@link ConfigSchema}: every value has the property's type, defaults are
 * applied, and required properties are present. Obtained from {@link ConfigSchema#bind}; the server hands one to
 * {@code ExtensionFactory.create}. Immutable and thread-safe.
 *
 * <p>Getters of a property that has no value (optional and without default) throw
 * {@link IllegalStateException}; use the {@code Optional} getters for optional properties. Asking for a key
 * the schema does not declare, or with the wrong type, is a programming error and throws
 * {@link IllegalArgumentException}.
 *
 * @since 0.1
 */
public interface ConfigValues
{
    /** @return the schema these values were checked against @since 0.1 */
    ConfigSchema schema();

    /** @return the keys that have a value, given or defaulted @since 0.1 */
    Set<String> keys();

    /** @return true if {@code key} has a value, given or defaulted @since 0.1 */
    default boolean has(String key)
    {
        return keys().contains(key);
    }

    /** For {@link PropertyType#STRING} and {@link PropertyType#ENUM}. @since 0.1 */
    String getString(String key);

    /** @since 0.1 */
    Optional<String> findString(String key);

    /** @since 0.1 */
    int getInt(String key);

    /** @since 0.1 */
    Optional<Integer> findInt(String key);

    /** @since 0.1 */
    boolean getBoolean(String key);

    /** @since 0.1 */
    Duration getDuration(String key);

    /** @since 0.1 */
    Optional<Duration> findDuration(String key);

    /** @return the list, or an empty list if the property has no value @since 0.1 */
    List<String> getStringList(String key);

    /** @since 0.1 */
    Secret getSecret(String key);

    /** @since 0.1 */
    Optional<Secret> findSecret(String key);

    /**
     * The values as a map for display: secrets appear as {@link Secret#MASK}, durations as ISO-8601 text.
     *
     * @since 0.1
     */
    Map<String, Object> toDisplayMap();
}
