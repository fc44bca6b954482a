package dev.slipway.server.build.conformance;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.slipway.server.build.engine.BuildListener;
import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.PhaseRecord;

/** Keeps what one build told its listener: command output, engine messages and phase events, in order. */
final class CapturingListener
        implements BuildListener
{
    final List<String> output = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    private final Consumer<String> onLine;

    CapturingListener(Consumer<String> onLine)
    {
        this.onLine = onLine;
    }

    @Override
    public void phaseStarted(BuildPhaseType phase, Instant startTime)
    {
        events.add("start " + phase);
    }

    @Override
    public void phaseEnded(PhaseRecord phase)
    {
        events.add("end " + phase.type());
    }

    @Override
    public void logLine(String line)
    {
        output.add(line);
        events.add("log " + line);
        onLine.accept(line);
    }

    @Override
    public void engineMessage(String message)
    {
        messages.add(message);
    }

    @Override
    public void buildEnded(BuildResult result)
    {
        events.add("ended " + result.status());
    }

    /** @return everything the listener got, to check that a secret appears nowhere */
    String allText()
    {
        return String.join("\n", output) + "\n" + String.join("\n", messages);
    }
}
