package dev.slipway.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiGeneratorTest
{
    @Test
    void joinsPathsWithSingleSlashes()
    {
        assertThat(OpenApiGenerator.join("/api", "v1/plugins")).isEqualTo("/api/v1/plugins");
        assertThat(OpenApiGenerator.join("/api/v1/plugins", "/{id}/")).isEqualTo("/api/v1/plugins/{id}");
    }

    @Test
    void dropsPatternsFromTemplates()
    {
        assertThat(OpenApiGenerator.template("/api/v1/builds/{id: [a-z]+}/logs/{line : \\d+}")).isEqualTo("/api/v1/builds/{id}/logs/{line}");
    }

    @Test
    void recognisesHashedAssets()
    {
        assertThat(ConsoleFilter.isHashed("/assets/index.js")).isTrue();
        assertThat(ConsoleFilter.isHashed("/app-4f3a2b1c.js")).isTrue();
        assertThat(ConsoleFilter.isHashed("/index.html")).isFalse();
        assertThat(ConsoleFilter.isHashed("/favicon.svg")).isFalse();
    }
}
