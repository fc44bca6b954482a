package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.testing.BundledPlugins;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestBuildLogStore;
import dev.slipway.server.testing.TestHttpClient;

class BuildSmokeIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = SlipwayServerExtension.builder()
            .plugins(BundledPlugins::copyTo)
            .module(new TestBuildLogStore.Module())
            .build();

    @Test
    void trivialBuildSucceeds(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("hello", "echo hi");

        JsonNode started = api.start("hello");
        JsonNode ended = api.awaitEnded(started.path("id").asText());

        assertThat(ended.path("status").asText()).as(ended.toPrettyString()).isEqualTo("SUCCEEDED");
        System.out.println(ended.toPrettyString());
        System.out.println(server.server().instance(TestBuildLogStore.class).lines(started.path("id").asText()));
    }
}
