package dev.slipway.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBusTest
{
    private final EventBus bus = new EventBus(10);

    @AfterEach
    void close()
    {
        bus.close();
    }

    @Test
    void subscribersGetEveryEventInOrder()
    {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        bus.subscribe("first", event -> first.add(event.id()));
        bus.subscribe("second", event -> second.add(event.id()));

        for (int i = 0; i < 5; i++) {
            bus.publish(event("e" + i));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(first).containsExactly("e0", "e1", "e2", "e3", "e4");
            assertThat(second).containsExactly("e0", "e1", "e2", "e3", "e4");
        });
    }

    @Test
    void aSlowSubscriberIsDroppedAndNeverSlowsThePublisherOrTheOthers()
            throws InterruptedException
    {
        CountDownLatch release = new CountDownLatch(1);
        List<String> closedBecause = new CopyOnWriteArrayList<>();
        bus.subscribe("stuck", new EventSubscriber()
        {
            @Override
            public void deliver(Event event)
                    throws InterruptedException
            {
                release.await();
            }

            @Override
            public void closed(String reason)
            {
                closedBecause.add(reason);
            }
        });
        List<String> fast = new CopyOnWriteArrayList<>();
        bus.subscribe("fast", event -> fast.add(event.id()));

        // The stuck subscriber stays stuck until the end: a publisher that waited for it would never finish the loop
        // (the deadline only turns that hang into a failure).
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 50; i++) {
                bus.publish(event("e" + i));
                int expected = i + 1;
                // The fast subscriber keeps up; only the stuck one falls behind.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fast).hasSize(expected));
            }
        }, "publishing 50 events with a stuck subscriber");

        assertThat(release.getCount()).as("the stuck subscriber was never released while the events were published").isEqualTo(1);
        assertThat(bus.subscriberCount()).as("the stuck subscriber is off the bus").isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(closedBecause).containsExactly("it fell 10 events behind"));
    }

    @Test
    void aFailingSubscriberIsClosedAndRemoved()
    {
        List<String> closedBecause = new CopyOnWriteArrayList<>();
        bus.subscribe("broken", new EventSubscriber()
        {
            @Override
            public void deliver(Event event)
            {
                throw new IllegalStateException("client went away");
            }

            @Override
            public void closed(String reason)
            {
                closedBecause.add(reason);
            }
        });

        bus.publish(event("e1"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(closedBecause).singleElement().asString().contains("client went away");
            assertThat(bus.subscriberCount()).isZero();
        });
    }

    @Test
    void heartbeatsAreDeliveredOnTheDeliveryThreadAndACloseEndsTheSubscription()
    {
        List<String> calls = new CopyOnWriteArrayList<>();
        EventSubscription subscription = bus.subscribe("beating", new EventSubscriber()
        {
            @Override
            public void deliver(Event event)
            {
                calls.add("event " + event.id());
            }

            @Override
            public void heartbeat()
            {
                calls.add("heartbeat");
            }

            @Override
            public void closed(String reason)
            {
                calls.add("closed: " + reason);
            }
        });

        subscription.heartbeat();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls).containsExactly("heartbeat"));
        subscription.close();
        bus.publish(event("late"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls).containsExactly("heartbeat", "closed: closed"));
        assertThat(subscription.isClosed()).isTrue();
        assertThat(bus.subscriberCount()).isZero();
    }

    private static Event event(String id)
    {
        return new Event()
        {
            @Override
            public String id()
            {
                return id;
            }

            @Override
            public String type()
            {
                return "test-event";
            }

            @Override
            public Instant time()
            {
                return Instant.EPOCH;
            }
        };
    }
}
