package dev.slipway.server.plugin;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.api.SlipwayException;

/**
 * Turns a failure into text a person can act on: the message, then one line per cause, and a hint when a class is
 * missing. Only text is kept (never the exception), because an exception thrown by plugin code may be an instance of a
 * plugin class and would keep an unloaded plugin's class loader alive.
 */
final class PluginErrors
{
    private PluginErrors() {}

    /** @return {@code "IllegalStateException: boom"}, or a {@link SlipwayException}'s own message */
    static String summary(Throwable error)
    {
        if (error instanceof SlipwayException) {
            return error.getMessage();
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /**
     * @return a {@link SlipwayException}'s own details when it has any (they describe its causes already), otherwise one
     *         line per cause and a hint when a class is missing
     */
    static List<String> details(Throwable error)
    {
        if (error instanceof SlipwayException slipway && !slipway.details().isEmpty()) {
            return slipway.details();
        }
        List<String> details = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String missingClass = null;
        for (Throwable current = error; current != null && seen.put(current, true) == null; current = current.getCause()) {
            if (current != error) {
                String line = "caused by " + current.getClass().getName() + (current.getMessage() == null ? "" : ": " + current.getMessage());
                if (!details.contains(line)) {
                    details.add(line);
                }
            }
            if (missingClass == null && (current instanceof NoClassDefFoundError || current instanceof ClassNotFoundException)
                    && current.getMessage() != null) {
                missingClass = current.getMessage().replace('/', '.').split(" ")[0];
            }
        }
        if (missingClass != null) {
            details.add("class " + missingClass + " is missing: bundle it in the plugin's classes/ or lib/ "
                    + "(plugins see only the JDK, dev.slipway.api and org.slf4j from the server)");
        }
        return List.copyOf(details);
    }
}
