package dev.slipway.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

class PluginInvokerTest
{
    private final PluginInvoker invoker = new PluginInvoker(Duration.ofSeconds(5));
    private final URLClassLoader pluginLoader = new URLClassLoader("test-plugin", new URL[0], getClass().getClassLoader());
    private final PluginOwner owner = new PluginOwner("test", pluginLoader);

    @AfterEach
    void shutdown()
    {
        invoker.shutdown();
    }

    @Test
    void runsWithThePluginsContextClassLoaderAndRestoresTheThreadsOwnAfterwards()
    {
        ClassLoader[] during = new ClassLoader[1];
        Thread thread = invoker.call(owner, "probe", () -> {
            during[0] = Thread.currentThread().getContextClassLoader();
            return Thread.currentThread();
        });

        assertThat(during[0]).isSameAs(pluginLoader);
        assertThat(thread).isNotSameAs(Thread.currentThread());
        assertThat(thread.getContextClassLoader()).isSameAs(PluginInvoker.class.getClassLoader());
    }

    @Test
    void returnsWhatThePluginReturns()
    {
        assertThat(invoker.call(owner, "answer", () -> 42)).isEqualTo(42);
    }

    @Test
    void anExceptionBecomesAPluginFailureRecordedAgainstThePlugin()
    {
        assertThatThrownBy(() -> invoker.call(owner, "start", () -> {
            throw new IllegalStateException("boom");
        }))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("Plugin 'test' failed in start: IllegalStateException: boom")
                .hasCauseInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(((SlipwayException) e).errorCode()).isEqualTo(ErrorCode.PLUGIN_FAILURE));

        assertThat(invoker.failures("test")).hasValueSatisfying(failures -> {
            assertThat(failures.count()).isEqualTo(1);
            assertThat(failures.lastOperation()).isEqualTo("start");
            assertThat(failures.lastMessage()).isEqualTo("IllegalStateException: boom");
        });
        assertThat(invoker.failures("other")).isEmpty();
    }

    @Test
    void aLinkageErrorIsAPluginFailureNotACrash()
    {
        assertThatThrownBy(() -> invoker.call(owner, "start", () -> {
            throw new NoClassDefFoundError("com/example/Missing");
        }))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("Plugin 'test' failed in start: NoClassDefFoundError: com/example/Missing")
                .satisfies(e -> assertThat(((SlipwayException) e).details())
                        .contains("class com.example.Missing is missing: bundle it in the plugin's classes/ or lib/ "
                                + "(plugins see only the JDK, dev.slipway.api and org.slf4j from the server)"));
        assertThat(invoker.failures("test")).isPresent();
    }

    @Test
    void aUserErrorThePluginReportsPassesUnchangedAndIsNotHeldAgainstIt()
    {
        SlipwayException declined = new SlipwayException(ErrorCode.NOT_SUPPORTED, "This store does not support deleting artifacts");

        assertThatThrownBy(() -> invoker.call(owner, "delete", () -> {
            throw declined;
        })).isSameAs(declined);
        assertThat(invoker.failures("test")).isEmpty();
    }

    @Test
    void aCallThatTakesTooLongIsInterruptedAndReportedAsATimeout()
            throws InterruptedException
    {
        CountDownLatch interrupted = new CountDownLatch(1);

        assertThatThrownBy(() -> invoker.call(owner, "check", Duration.ofMillis(200), () -> {
            try {
                Thread.sleep(60_000);
            }
            catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        }))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("Plugin 'test' did not finish check within 200ms")
                .satisfies(e -> assertThat(((SlipwayException) e).errorCode()).isEqualTo(ErrorCode.TIMEOUT));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(invoker.failures("test")).hasValueSatisfying(failures -> assertThat(failures.lastOperation()).isEqualTo("check"));
    }

    @Test
    void forgettingAPluginClearsItsFailures()
    {
        assertThatThrownBy(() -> invoker.call(owner, "start", () -> {
            throw new IllegalStateException();
        }));

        invoker.forget("test");

        assertThat(invoker.failures("test")).isEmpty();
    }
}
