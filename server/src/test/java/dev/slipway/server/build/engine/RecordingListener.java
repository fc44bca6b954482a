package dev.slipway.server.build.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the engine tells its listener, in order. */
final class RecordingListener
        implements BuildListener
{
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> logLines = new CopyOnWriteArrayList<>();
    final List<String> engineMessages = new CopyOnWriteArrayList<>();
    final List<String> reportContents = new ArrayList<>();
    volatile BuildResult result;

    @Override
    public void phaseStarted(BuildPhaseType phase, Instant startTime)
    {
        events.add("start " + phase);
    }

    @Override
    public void phaseEnded(PhaseRecord phase)
    {
        events.add("end " + phase.type() + phase.status().map(status -> " " + status).orElse(""));
    }

    @Override
    public void logLine(String line)
    {
        logLines.add(line);
        events.add("log " + line);
    }

    @Override
    public void engineMessage(String message)
    {
        engineMessages.add(message);
    }

    @Override
    public void reportFilesFound(ReportFiles report, List<Path> hostFiles)
    {
        for (Path file : hostFiles) {
            try {
                reportContents.add(report.reportGroupName() + ":" + Files.readString(file));
            }
            catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public void buildEnded(BuildResult result)
    {
        this.result = result;
        events.add("ended " + result.status());
    }

    /** @return everything the listener received as text, to check that a secret appears nowhere */
    String allText()
    {
        return String.join("\n", events) + "\n" + String.join("\n", engineMessages);
    }
}
