package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A view of a plugin object whose every call runs on the calling thread with the plugin's class loader as the thread's
 * context class loader (restored afterwards). Objects the calls return are wrapped the same way when their declared
 * type is an interface of the plugin API ({@code BuildEnvironment} from {@code Executor.provision}, {@code ShellSession}
 * from {@code openShell}), so that a whole conversation with the plugin runs in its context.
 */
final class ContextClassLoaderProxy
        implements InvocationHandler
{
    private static final String API_PACKAGE = "dev.slipway.api.";

    private final Object target;
    private final ClassLoader classLoader;

    private ContextClassLoaderProxy(Object target, ClassLoader classLoader)
    {
        this.target = requireNonNull(target, "target is null");
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
    }

    static <T> T wrap(Class<T> type, T target, ClassLoader classLoader)
    {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        return type.cast(Proxy.newProxyInstance(ContextClassLoaderProxy.class.getClassLoader(), new Class<?>[] {type},
                new ContextClassLoaderProxy(target, classLoader)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments)
            throws Throwable
    {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> method.invoke(target, arguments);
            };
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        Object result;
        try {
            result = method.invoke(target, arguments);
        }
        catch (InvocationTargetException e) {
            throw e.getCause();
        }
        finally {
            thread.setContextClassLoader(previous);
        }
        Class<?> returned = method.getReturnType();
        if (result != null && returned.isInterface() && returned.getName().startsWith(API_PACKAGE) && !(result instanceof Proxy)) {
            return wrapUnchecked(returned, result);
        }
        return result;
    }

    private Object wrapUnchecked(Class<?> type, Object result)
    {
        return Proxy.newProxyInstance(ContextClassLoaderProxy.class.getClassLoader(), new Class<?>[] {type}, new ContextClassLoaderProxy(result, classLoader));
    }
}
