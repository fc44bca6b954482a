package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.slipway.api.notification.EventType;
import dev.slipway.api.notification.NotificationEvent;

final class RecordingNotifierTest
{
    private final RecordingNotifier notifier = RecordingNotifier.interestedIn(EventType.BUILD_STATE_FAILED);

    @Test
    void recordsEventsAndWaitsForThem()
            throws Exception
    {
        NotificationEvent event = TestingNotificationEvent.builder(EventType.BUILD_STATE_FAILED).summary("Build web:1 FAILED").detail("build-id", "web:1").build();
        CompletableFuture<Void> delivery = CompletableFuture.runAsync(() -> {
            try {
                notifier.notify(event);
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(notifier.awaitEvents(1, Duration.ofSeconds(10))).containsExactly(event);
        delivery.join();
        assertThat(notifier.events(EventType.BUILD_STATE_FAILED)).containsExactly(event);
        assertThat(notifier.events(EventType.BUILD_STATE_SUCCEEDED)).isEmpty();
        assertThat(notifier.interestedIn()).containsExactly(EventType.BUILD_STATE_FAILED);
        assertThat(event.detail()).isEqualTo(Map.of("build-id", "web:1"));
    }

    @Test
    void awaitFailsWithWhatWasDelivered()
    {
        assertThatThrownBy(() -> notifier.awaitEvents(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 1 events");
    }

    @Test
    void scriptedDeliveryFailures()
            throws Exception
    {
        NotificationEvent event = TestingNotificationEvent.builder(EventType.BUILD_STATE_FAILED).build();
        notifier.failNextDeliveries(2);

        assertThatThrownBy(() -> notifier.notify(event)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> notifier.notify(event)).isInstanceOf(IOException.class);
        notifier.notify(event);

        assertThat(notifier.failedDeliveries()).isEqualTo(2);
        assertThat(notifier.events()).containsExactly(event);
    }

    @Test
    void useAfterCloseIsCaught()
    {
        notifier.close();
        notifier.close();

        assertThatThrownBy(() -> notifier.notify(TestingNotificationEvent.builder(EventType.BUILD_STATE_FAILED).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after close()");
    }

    @Test
    void factoryKeepsTheNotifiersItCreated()
            throws IOException
    {
        RecordingNotifierFactory factory = new RecordingNotifierFactory(() -> RecordingNotifier.interestedIn(EventType.BUILD_STATE_SUCCEEDED));
        try (TestingExtensionContext context = TestingExtensionContext.create()) {
            factory.create(factory.configSchema().bind(Map.of()), context);
        }
        assertThat(factory.createdNotifiers()).singleElement().satisfies(created -> assertThat(created.interestedIn()).containsExactly(EventType.BUILD_STATE_SUCCEEDED));
    }
}
