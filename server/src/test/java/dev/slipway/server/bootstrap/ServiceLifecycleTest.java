package dev.slipway.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.common.util.concurrent.AbstractIdleService;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

class ServiceLifecycleTest
{
    private final List<String> events = new ArrayList<>();

    @Test
    void startsInOrderAndStopsInReverse()
    {
        ServiceLifecycle lifecycle = new ServiceLifecycle(List.of(new Recording("lock"), new Recording("database"), new Recording("http")));

        lifecycle.start();
        boolean clean = lifecycle.stop();

        assertThat(clean).isTrue();
        assertThat(events).containsExactly("start lock", "start database", "start http", "stop http", "stop database", "stop lock");
    }

    @Test
    void aFailedStartStopsWhatHadStartedAndThrowsTheOriginalException()
    {
        SlipwayException failure = new SlipwayException(ErrorCode.CONFLICT, "port taken");
        ServiceLifecycle lifecycle = new ServiceLifecycle(List.of(new Recording("lock"), new Recording("database"), new Failing("http", failure),
                new Recording("never")));

        assertThatThrownBy(lifecycle::start).isSameAs(failure);
        assertThat(events).containsExactly("start lock", "start database", "start http", "stop database", "stop lock");
    }

    @Test
    void aServiceThatFailsToStopDoesNotKeepTheOthersRunning()
    {
        ServiceLifecycle lifecycle = new ServiceLifecycle(List.of(new Recording("lock"), new FailingStop("plugins"), new Recording("http")));
        lifecycle.start();

        boolean clean = lifecycle.stop();

        assertThat(clean).isFalse();
        assertThat(events).containsExactly("start lock", "start plugins", "start http", "stop http", "stop plugins", "stop lock");
    }

    @Test
    void stoppingTwiceStopsOnce()
    {
        ServiceLifecycle lifecycle = new ServiceLifecycle(List.of(new Recording("lock")));
        lifecycle.start();

        lifecycle.stop();
        assertThat(lifecycle.stop()).isTrue();

        assertThat(events).containsExactly("start lock", "stop lock");
    }

    private class Recording
            extends AbstractIdleService
    {
        private final String name;

        Recording(String name)
        {
            this.name = name;
        }

        @Override
        protected void startUp()
        {
            events.add("start " + name);
        }

        @Override
        protected void shutDown()
        {
            events.add("stop " + name);
        }
    }

    private final class Failing
            extends Recording
    {
        private final RuntimeException failure;

        Failing(String name, RuntimeException failure)
        {
            super(name);
            this.failure = failure;
        }

        @Override
        protected void startUp()
        {
            super.startUp();
            throw failure;
        }
    }

    private final class FailingStop
            extends Recording
    {
        FailingStop(String name)
        {
            super(name);
        }

        @Override
        protected void shutDown()
        {
            super.shutDown();
            throw new IllegalStateException("cannot stop");
        }
    }
}
