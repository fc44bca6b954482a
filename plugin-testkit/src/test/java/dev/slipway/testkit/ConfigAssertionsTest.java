package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionContext;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.Secret;
import dev.slipway.api.config.ValidationResult;
import dev.slipway.api.notification.EventType;
import dev.slipway.api.notification.NotificationEvent;
import dev.slipway.api.notification.Notifier;
import dev.slipway.api.notification.NotifierFactory;

final class ConfigAssertionsTest
{
    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .string("url").label("URL").required().description("Where to send").add()
            .secret("token").label("Token").description("Bearer token").add()
            .duration("timeout").label("Timeout").defaultValue("10s").description("How long to wait").add()
            .stringList("events").label("Events").defaultValue(List.of("failed")).description("What to send").add()
            .integer("retries").label("Retries").range(0, 5).description("How often to retry").add()
            .build();

    /** How a factory gives secrets away, for the secret-masking assertion. */
    private enum Leak
    {
        NONE, IN_VALIDATE, IN_INSTANCE, IN_CREATE_FAILURE
    }

    private static NotifierFactory factory()
    {
        return factory(Leak.NONE);
    }

    /** A factory whose validate() insists on https. */
    private static NotifierFactory factory(Leak leak)
    {
        return new NotifierFactory()
        {
            @Override
            public String id()
            {
                return "webhook";
            }

            @Override
            public String displayName()
            {
                return "Webhook";
            }

            @Override
            public ConfigSchema configSchema()
            {
                return SCHEMA;
            }

            @Override
            public ValidationResult validate(ConfigValues config)
            {
                if (leak == Leak.IN_VALIDATE) {
                    return ValidationResult.builder().warning("token", "token " + config.getSecret("token").reveal() + " looks short").build();
                }
                return config.getString("url").startsWith("https://") ? ValidationResult.ok() : ValidationResult.error("url", "must use https");
            }

            @Override
            public Notifier create(ConfigValues config, ExtensionContext context)
            {
                if (leak == Leak.IN_CREATE_FAILURE) {
                    throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Token " + config.getSecret("token").reveal() + " was refused");
                }
                String shown = leak == Leak.IN_INSTANCE ? config.getSecret("token").reveal() : config.getSecret("token").toString();
                return new Notifier()
                {
                    @Override
                    public Set<EventType> interestedIn()
                    {
                        return Set.of();
                    }

                    @Override
                    public void notify(NotificationEvent event)
                    {
                    }

                    @Override
                    public String toString()
                    {
                        return "WebhookNotifier[" + config.getString("url") + ", token " + shown + "]";
                    }
                };
            }
        };
    }

    @Test
    void acceptsPassAndFailLikeTheServer()
    {
        ConfigValues values = ConfigAssertions.assertSchemaAccepts(factory(), Map.of("url", "https://example.com"));

        assertThat(values.getDuration("timeout")).hasSeconds(10);
        assertThatThrownBy(() -> ConfigAssertions.assertSchemaAccepts(factory(), Map.of("url", "http://example.com")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("url: must use https");
        assertThatThrownBy(() -> ConfigAssertions.assertSchemaAccepts(factory(), Map.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("url: is required");
    }

    @Test
    void rejectsFindsTheIssueFromTheSchemaOrFromValidate()
    {
        assertThat(ConfigAssertions.assertSchemaRejects(factory(), Map.of(), "url", "is required").message()).isEqualTo("is required");
        assertThat(ConfigAssertions.assertSchemaRejects(factory(), Map.of("url", "http://x"), "url", "https").path()).isEqualTo("url");
        ConfigAssertions.assertSchemaRejects(factory(), Map.of("url", "https://x", "retries", 9), "retries", "between 0 and 5");

        assertThatThrownBy(() -> ConfigAssertions.assertSchemaRejects(factory(), Map.of("url", "https://x"), "url", "is required"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it accepted it");
        assertThatThrownBy(() -> ConfigAssertions.assertSchemaRejects(factory(), Map.of(), "token", "is required"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("url: is required");
    }

    @Test
    void secretsMaskedPassesWhenNothingShowsASecret()
    {
        ConfigAssertions.assertSecretsMasked(factory(), Map.of("url", "https://x", "token", "s3cr3t-value"));

        assertThat(Secret.of("s3cr3t-value")).hasToString(Secret.MASK);
    }

    @Test
    void secretsMaskedFailsWhenThePluginShowsASecretWithoutRepeatingIt()
    {
        Map<String, String> config = Map.of("url", "https://x", "token", "s3cr3t-value");

        assertThatThrownBy(() -> ConfigAssertions.assertSecretsMasked(factory(Leak.IN_VALIDATE), config))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("validate() quotes secret 'token': token: token ****** looks short")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
        assertThatThrownBy(() -> ConfigAssertions.assertSecretsMasked(factory(Leak.IN_INSTANCE), config))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("toString() shows secret 'token': WebhookNotifier[https://x, token ******]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
        assertThatThrownBy(() -> ConfigAssertions.assertSecretsMasked(factory(Leak.IN_CREATE_FAILURE), config))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("create() refused the config with a message that shows secret 'token'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
    }

    @Test
    void secretsMaskedNeedsADistinctiveSecretToLookFor()
    {
        assertThatThrownBy(() -> ConfigAssertions.assertSecretsMasked(factory(), Map.of("url", "https://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gives no secret property");
        assertThatThrownBy(() -> ConfigAssertions.assertSecretsMasked(factory(), Map.of("url", "https://x", "token", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 6 characters");
    }

    @Test
    void defaultsMustBeListedExactly()
    {
        ConfigAssertions.assertDefaults(factory(), Map.of("timeout", "PT10S", "events", "failed"));

        assertThatThrownBy(() -> ConfigAssertions.assertDefaults(factory(), Map.of("timeout", "20s", "events", List.of("failed"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'timeout' has default PT10S but PT20S was expected");
        assertThatThrownBy(() -> ConfigAssertions.assertDefaults(factory(), Map.of("timeout", "10s")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'events' has default [failed] but none was expected");
        assertThatThrownBy(() -> ConfigAssertions.assertDefaults(factory(), Map.of("timeout", "10s", "events", List.of("failed"), "retries", 3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'retries' has no default but 3 was expected");
        assertThatThrownBy(() -> ConfigAssertions.assertDefaults(factory(), Map.of("timeout", "10s", "events", List.of("failed"), "colour", "red")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'colour' is not a property");
    }
}
