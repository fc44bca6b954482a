package dev.slipway.server.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import com.google.inject.Binder;
import com.google.inject.BindingAnnotation;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;

/**
 * How a feature adds its Jersey resource to the one API application, from its Guice module:
 * {@code ApiResources.bind(binder(), PluginResource.class);}
 *
 * <p>The class is registered with Jersey (no classpath scanning) and created by Jersey per request; its
 * {@code @Inject} constructor gets Guice bindings through the HK2 guice-bridge. Its {@code @Path} is relative to
 * {@code /api}, so it starts with {@code v1/}. Resources must never hold plugin objects: Jersey and Jackson would
 * cache their classes and keep unloaded plugins in memory.
 */
public final class ApiResources
{
    private ApiResources() {}

    /** Registers a JAX-RS resource class with the API. */
    public static void bind(Binder binder, Class<?> resourceClass)
    {
        multibinder(binder).addBinding().toInstance(resourceClass);
    }

    static Multibinder<Class<?>> multibinder(Binder binder)
    {
        return Multibinder.newSetBinder(binder, new TypeLiteral<Class<?>>() {}, Registered.class);
    }

    /** Qualifies the set of registered resource classes. */
    @BindingAnnotation
    @Target({FIELD, PARAMETER, METHOD})
    @Retention(RUNTIME)
    public @interface Registered
    {
    }
}
