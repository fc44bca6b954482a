package dev.slipway.server.build.log;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A process for {@link LogCrashIT}: appends numbered lines to a build's log as fast as it can until it is killed.
 * Arguments: the logs directory, the build id, the number of the first line. Prints {@code writing} once it has
 * written a first batch.
 */
public final class LogWritingChild
{
    private LogWritingChild() {}

    public static void main(String[] arguments)
            throws Exception
    {
        Path root = Path.of(arguments[0]);
        String build = arguments[1];
        long first = Long.parseLong(arguments[2]);
        FileBuildLogStore store = new FileBuildLogStore(root, Duration.ofMillis(1), Duration.ofSeconds(15));
        BuildLogWriter writer = store.open(build);
        for (long number = first; ; number++) {
            writer.line(LogCrashIT.expectedLine(number));
            if (number == first + 20_000) {
                System.out.println("writing");
                System.out.flush();
            }
        }
    }
}
