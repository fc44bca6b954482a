package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers about processes, by pid. */
final class Processes
{
    private Processes() {}

    /**
     * @return true if the process exists and is not a zombie (an orphaned zombie may wait long for a reaper that
     *         does not reap in some containers, but it runs nothing)
     */
    static boolean running(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        }
        catch (IOException e) {
            return false;
        }
    }

    /** @return the parent pid of a live process, or -1 if it has ended */
    static long parent(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        }
        catch (IOException e) {
            return -1;
        }
    }
}
