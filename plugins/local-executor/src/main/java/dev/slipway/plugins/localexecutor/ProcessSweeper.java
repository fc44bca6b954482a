package dev.slipway.plugins.localexecutor;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Kills every process of a shell's session and every descendant of the shell, with SIGKILL.
 *
 * <p>The shell is started by {@code setsid}, so its session id is its pid. Killing by session catches background
 * jobs even after the shell has died (they are re-parented then) and jobs that moved to another process group
 * ({@code set -m}); killing by descent catches children that started a session of their own ({@code setsid cmd})
 * while their parent still lives. Java has no {@code kill(-pgid)}, and spawning {@code kill} would fail in images
 * without procps, so both sets come from one pass over {@code /proc/<pid>/stat}, repeated until nothing is left
 * (a process may fork between the pass and its kill; a process that already has SIGKILL pending cannot).
 *
 * <p>Parents are killed before their children, the shell first: a shell that outlives its foreground command even
 * briefly reports the command's death ({@code line 1: 1234 Killed  sleep 60}) into the build's log. A process with
 * SIGKILL pending never runs user code again, so once the shell's kill is sent, nothing it waits for can make it
 * print.
 */
final class ProcessSweeper
{
    private static final Path PROC = Path.of("/proc");
    private static final int MAX_PASSES = 200;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final int STAT_BUFFER_BYTES = 1024;
    /** Beyond this many forks, a pass over /proc is cheaper than looking at each new pid. */
    private static final int MAX_NEW_PIDS_CHECKED = 32;
    /**
     * A shell younger than this cannot have seen the pids wrap around, so its session lies in the range of pids handed
     * out since it started: wrapping takes {@code pid_max} forks (32768 on small systems, 4194304 on most), and this
     * allows for 100,000 forks a second on the whole machine, more than Linux sustains. At most a second.
     */
    private static final long YOUNG_SHELL_NANOS = Math.min(TimeUnit.SECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(10) * pidMax());

    private ProcessSweeper() {}

    /**
     * Kills the session of {@code shell} (which {@code setsid} made its leader) and the shell's descendants, and
     * waits (a few seconds at most) until none of them is alive. Never throws.
     *
     * <p>A session id stays reserved while any member lives, so once the shell is gone its number can only have been
     * given to a new process if the session is empty; when another process holds the number now, nothing is done,
     * so that an unrelated session that happens to have the same id is never touched.
     */
    static void killSessionAndDescendants(ProcessHandle shell, long shellStartedNanos)
    {
        long sessionId = shell.pid();
        long self = ProcessHandle.current().pid();
        long now = System.nanoTime();
        long deadline = now + DEADLINE_NANOS;
        // Every member of the session and every descendant of the shell was forked after the shell, so while pids have
        // not wrapped around since the shell started they all lie between its pid and the last pid handed out. A
        // short-lived shell (a trivial build) saw few forks: looking at those few pids replaces a pass over /proc.
        boolean young = now - shellStartedNanos < YOUNG_SHELL_NANOS;
        byte[] buffer = new byte[STAT_BUFFER_BYTES];
        for (int pass = 0; pass < MAX_PASSES && System.nanoTime() - deadline < 0; pass++) {
            if (ProcessHandle.of(sessionId).filter(current -> !current.equals(shell)).isPresent()) {
                return;
            }
            long lastPidBefore = lastPid(buffer);
            boolean fewForks = young && pass == 0 && lastPidBefore >= sessionId && lastPidBefore - sessionId <= MAX_NEW_PIDS_CHECKED;
            List<Long> victims = fewForks
                    ? findSessionAndDescendantsAmong(sessionId, sessionId, self, sessionId, lastPidBefore)
                    : findSessionAndDescendants(sessionId, sessionId, self);
            if (victims.isEmpty()) {
                return;
            }
            for (long pid : victims) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            // Wait for these to die before looking again; checking a few pids is much cheaper than a full pass.
            for (long pid : victims) {
                while (running(pid, buffer) && System.nanoTime() - deadline < 0) {
                    LockSupport.parkNanos(WAIT_NANOS);
                }
            }
            // Only a fork can add a member to the session or a descendant to the tree, and every fork takes the next
            // free pid. If none of the pids handed out since before the pass is a live process of the session or a
            // child of a victim (usually they are threads of this JVM or of other programs), the pass missed nothing
            // and the victims are dead: a second pass over /proc, the larger part of a close, would find nothing.
            if (victims.stream().noneMatch(pid -> running(pid, buffer)) && noNewMember(sessionId, victims, lastPidBefore, lastPid(buffer), buffer)) {
                return;
            }
        }
    }

    /**
     * @return true if none of the pids after {@code before} up to {@code after} is a live process of the session or a
     *         child of one of {@code victims}; false when that cannot be told (unknown pids, wrap-around, many forks)
     */
    private static boolean noNewMember(long sessionId, List<Long> victims, long before, long after, byte[] buffer)
    {
        if (before < 0 || after < before || after - before > MAX_NEW_PIDS_CHECKED) {
            return false;
        }
        Set<Long> parents = new HashSet<>(victims);
        for (long pid = before + 1; pid <= after; pid++) {
            // Also readable for a thread id, though /proc does not list threads.
            Stat stat = readStat("/proc/" + pid + "/stat", buffer);
            if (stat != null && stat.state != 'Z' && stat.state != 'X' && (stat.session == sessionId || parents.contains(stat.parent))) {
                return false;
            }
        }
        return true;
    }

    /** @return the kernel's {@code pid_max}, or its smallest default (32768) if it cannot be read */
    private static long pidMax()
    {
        // One read with room to spare: a sysctl file answers a read at a later offset with nothing, so the JDK's
        // readers, which start with a small buffer for a file of size 0, would see only the first digit.
        byte[] buffer = new byte[64];
        try (FileInputStream in = new FileInputStream("/proc/sys/kernel/pid_max")) {
            int length = in.read(buffer);
            return Long.parseLong(new String(buffer, 0, Math.max(length, 0), StandardCharsets.US_ASCII).strip());
        }
        catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    /**
     * @return the pid the kernel handed out last in this pid namespace (the 5th field of {@code /proc/loadavg};
     *         every fork and thread takes one, in every namespace above its own), or -1 if it cannot be read
     */
    private static long lastPid(byte[] buffer)
    {
        int length = 0;
        try (FileInputStream in = new FileInputStream("/proc/loadavg")) {
            int count;
            while (length < buffer.length && (count = in.read(buffer, length, buffer.length - length)) > 0) {
                length += count;
            }
        }
        catch (IOException e) {
            return -1;
        }
        // "0.52 0.58 0.59 2/467 12345\n"
        int end = length;
        while (end > 0 && !Character.isDigit(buffer[end - 1])) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isDigit(buffer[start - 1])) {
            start--;
        }
        if (start == end || start == 0 || buffer[start - 1] != ' ') {
            return -1;
        }
        try {
            return Long.parseLong(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
        }
        catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean running(long pid, byte[] buffer)
    {
        Stat stat = readStat("/proc/" + pid + "/stat", buffer);
        return stat != null && stat.state != 'Z' && stat.state != 'X';
    }

    /**
     * @return the live (not zombie) processes of the session and the descendants of {@code rootPid}, every parent
     *         before its children and {@code rootPid} (if alive) first
     */
    static List<Long> findSessionAndDescendants(long sessionId, long rootPid, long excluded)
    {
        Tree tree = new Tree(sessionId);
        byte[] buffer = new byte[STAT_BUFFER_BYTES];
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    tree.add(Long.parseLong(name), readStat("/proc/" + name + "/stat", buffer));
                }
            }
        }
        catch (IOException | RuntimeException e) {
            return fromTheJdk(rootPid, excluded);
        }
        return tree.sessionAndDescendants(rootPid, excluded);
    }

    /**
     * Like {@link #findSessionAndDescendants} but looks only at the pids {@code first} to {@code last}, which must
     * hold every process forked since {@code rootPid} started (and {@code rootPid}).
     */
    static List<Long> findSessionAndDescendantsAmong(long sessionId, long rootPid, long excluded, long first, long last)
    {
        Tree tree = new Tree(sessionId);
        byte[] buffer = new byte[STAT_BUFFER_BYTES];
        for (long pid = first; pid <= last; pid++) {
            // Thread ids are readable too (though not listed); they are the threads' process's parent and session.
            tree.add(pid, readStat("/proc/" + pid + "/stat", buffer));
        }
        return tree.sessionAndDescendants(rootPid, excluded);
    }

    private static List<Long> fromTheJdk(long rootPid, long excluded)
    {
        // /proc unreadable: fall back to what the JDK can see.
        Set<Long> found = new HashSet<>();
        ProcessHandle.of(rootPid).ifPresent(root -> root.descendants().forEach(handle -> found.add(handle.pid())));
        if (ProcessHandle.of(rootPid).map(ProcessHandle::isAlive).orElse(false)) {
            found.add(rootPid);
        }
        found.remove(excluded);
        found.remove(1L);
        found.remove(0L);
        return parentsFirst(found, rootPid, Map.of(), Map.of());
    }

    /** The live processes seen by a pass, as a tree. */
    private static final class Tree
    {
        private final long sessionId;
        private final Map<Long, List<Long>> children = new HashMap<>();
        private final Map<Long, Long> parents = new HashMap<>();
        private final Set<Long> found = new HashSet<>();

        Tree(long sessionId)
        {
            this.sessionId = sessionId;
        }

        void add(long pid, Stat stat)
        {
            if (stat == null || stat.state == 'Z' || stat.state == 'X' || parents.containsKey(pid)) {
                return;
            }
            parents.put(pid, stat.parent);
            children.computeIfAbsent(stat.parent, key -> new ArrayList<>()).add(pid);
            if (stat.session == sessionId) {
                found.add(pid);
            }
        }

        List<Long> sessionAndDescendants(long rootPid, long excluded)
        {
            Set<Long> alive = parents.keySet();
            if (alive.contains(rootPid)) {
                found.add(rootPid);
            }
            Set<Long> visited = new HashSet<>();
            List<Long> pending = new ArrayList<>(List.of(rootPid));
            while (!pending.isEmpty()) {
                long parent = pending.remove(pending.size() - 1);
                if (visited.add(parent)) {
                    for (long child : children.getOrDefault(parent, List.of())) {
                        found.add(child);
                        pending.add(child);
                    }
                }
            }
            found.remove(excluded);
            found.remove(1L);
            found.remove(0L);
            return parentsFirst(found, rootPid, parents, children);
        }
    }

    /** Orders {@code found} top-down: {@code rootPid} and its subtree first, then every other subtree of found processes. */
    private static List<Long> parentsFirst(Set<Long> found, long rootPid, Map<Long, Long> parents, Map<Long, List<Long>> children)
    {
        List<Long> ordered = new ArrayList<>(found.size());
        Set<Long> placed = new HashSet<>();
        List<Long> tops = new ArrayList<>();
        if (found.contains(rootPid)) {
            tops.add(rootPid);
        }
        for (long pid : found) {
            Long parent = parents.get(pid);
            if (pid != rootPid && (parent == null || !found.contains(parent))) {
                tops.add(pid);
            }
        }
        for (long top : tops) {
            // Breadth first, so that a whole generation dies before the next one is touched.
            int next = ordered.size();
            if (placed.add(top)) {
                ordered.add(top);
            }
            while (next < ordered.size()) {
                long parent = ordered.get(next++);
                for (long child : children.getOrDefault(parent, List.of())) {
                    if (found.contains(child) && placed.add(child)) {
                        ordered.add(child);
                    }
                }
            }
        }
        // Without /proc (the JDK's view) there are no parents; keep whatever is left, after the ordered ones.
        for (long pid : found) {
            if (placed.add(pid)) {
                ordered.add(pid);
            }
        }
        return List.copyOf(ordered);
    }

    private static Stat readStat(String path, byte[] buffer)
    {
        int length = 0;
        // A plain stream: this runs for every process on the machine, and NIO channels cost more per open.
        try (FileInputStream in = new FileInputStream(path)) {
            int count;
            while (length < buffer.length && (count = in.read(buffer, length, buffer.length - length)) > 0) {
                length += count;
            }
        }
        catch (IOException e) {
            return null; // the process ended meanwhile
        }
        String text = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        // "pid (comm) state ppid pgrp session ..."; comm may hold spaces and parentheses, so parse after the last ')'.
        int close = text.lastIndexOf(')');
        if (close < 0 || close + 2 >= text.length()) {
            return null;
        }
        String[] fields = text.substring(close + 2).split(" ", 5);
        if (fields.length < 5) {
            return null;
        }
        try {
            return new Stat(fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[3]));
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private record Stat(char state, long parent, long session) {}
}
