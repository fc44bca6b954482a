package dev.slipway.server.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ends the processes of shell sessions a test's builds started (the local executor starts each build's shell with
 * {@code setsid}, so the shell's pid is its session id). A server killed with SIGKILL cannot end its builds' processes;
 * the test ends them by their session ids, read from {@code /proc/<pid>/stat}, and nothing else.
 */
final class Sessions
{
    private Sessions() {}

    static void kill(Set<Long> sessionIds)
    {
        if (sessionIds.isEmpty()) {
            return;
        }
        for (long pid : members(sessionIds)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** @return the pids of the live processes in those sessions */
    static List<Long> members(Set<Long> sessionIds)
    {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    // Fields after the command name (which may hold spaces) start after the last ')': state ppid pgrp session …
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (sessionIds.contains(Long.parseLong(fields[3]))) {
                        members.add(Long.parseLong(name));
                    }
                }
                catch (IOException | RuntimeException e) {
                    // The process ended meanwhile.
                }
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
        return members;
    }
}
