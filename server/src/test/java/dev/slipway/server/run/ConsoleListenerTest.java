package dev.slipway.server.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.PhaseRecord;
import dev.slipway.server.build.engine.StatusContext;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleListenerTest
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String print(boolean color)
    {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (ConsoleListener console = new ConsoleListener(new PrintStream(bytes, false, StandardCharsets.UTF_8), color)) {
            console.phaseStarted(BuildPhaseType.PROVISIONING, start);
            console.engineMessage("Entering phase PROVISIONING");
            console.phaseEnded(new PhaseRecord(BuildPhaseType.PROVISIONING, start, start.plusMillis(2), Optional.of(BuildStatus.SUCCEEDED), List.of(), List.of()));
            console.phaseStarted(BuildPhaseType.BUILD, start);
            console.engineMessage("Running command make\nmake install");
            console.logLine("compiling");
            console.engineMessage("Selected runtime java corretto17");
            console.phaseEnded(new PhaseRecord(BuildPhaseType.BUILD, start, start.plusMillis(1500), Optional.of(BuildStatus.FAILED),
                    List.of(new StatusContext("COMMAND_EXECUTION_ERROR", "Error while executing command: make. Reason: exit status 2")), List.of()));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void phasesGetAHeaderCommandsADollarAndSlipwaysOwnMessagesAMark()
    {
        assertThat(print(false)).isEqualTo("""
                --- PROVISIONING SUCCEEDED (0.002 s)
                ==> BUILD
                $ make
                  make install
                compiling
                [slipway] Selected runtime java corretto17
                <== BUILD FAILED (1.500 s)
                    COMMAND_EXECUTION_ERROR: Error while executing command: make. Reason: exit status 2
                """);
    }

    @Test
    void coloursAreAnsiEscapesWhenAskedFor()
    {
        String text = print(true);

        assertThat(text).contains("\033[1m\033[34m==> BUILD\033[0m", "\033[31mFAILED\033[0m", "\033[32mSUCCEEDED\033[0m", "\033[2m[slipway] Selected runtime");
        // Command output passes through as it is.
        assertThat(text).contains("\ncompiling\n");
    }
}
