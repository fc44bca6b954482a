package dev.slipway.server.http;

import static java.util.Objects.requireNonNull;

import org.glassfish.hk2.api.ServiceLocator;
import org.glassfish.jersey.InjectionManagerProvider;
import org.jvnet.hk2.guice.bridge.api.GuiceBridge;
import org.jvnet.hk2.guice.bridge.api.GuiceIntoHK2Bridge;

import com.google.inject.Injector;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Lets Jersey resources and providers {@code @Inject} anything the Guice injector provides: HK2 asks Guice for every
 * injection point it cannot satisfy itself.
 */
final class GuiceBridgeFeature
        implements Feature
{
    private final Injector injector;

    GuiceBridgeFeature(Injector injector)
    {
        this.injector = requireNonNull(injector, "injector is null");
    }

    @Override
    public boolean configure(FeatureContext context)
    {
        ServiceLocator locator = InjectionManagerProvider.getInjectionManager(context).getInstance(ServiceLocator.class);
        GuiceBridge.getGuiceBridge().initializeGuiceBridge(locator);
        locator.getService(GuiceIntoHK2Bridge.class).bridgeGuiceInjector(injector);
        return true;
    }
}
