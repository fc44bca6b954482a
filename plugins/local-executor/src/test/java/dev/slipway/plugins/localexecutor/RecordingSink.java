package dev.slipway.plugins.localexecutor;

import java.util.ArrayList;
import java.util.List;

import dev.slipway.api.executor.LogSink;

/** A sink that keeps every line; safe to read from the test thread while the reader thread writes. */
final class RecordingSink
        implements LogSink
{
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void line(String line)
    {
        lines.add(line);
    }

    synchronized List<String> lines()
    {
        return List.copyOf(lines);
    }

    synchronized String text()
    {
        return String.join("\n", lines);
    }
}
