package dev.slipway.plugins.localexecutor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a shell that cannot start says: the shell by name and the size of the environment it was given. */
class ShellStartFailureIT
{
    @TempDir
    Path temp;

    @Test
    void aShellThatExitsAtOnceIsNamedEvenThoughItsProcessIsGone()
            throws Exception
    {
        Path privateDirectory = Files.createDirectory(temp.resolve("private"));

        assertThatThrownBy(() -> ShellProcess.start(List.of("/bin/sh", "-c", "exit 3"), Map.of("PATH", "/usr/bin:/bin"), temp, privateDirectory))
                .hasMessageStartingWith("The shell /bin/sh exited with status 3 before it answered (its environment has 1 variables, ")
                .hasMessageContaining("it must be a POSIX shell");
    }

    @Test
    void anEnvironmentTooLargeForTheSystemIsReportedWithItsSize()
            throws Exception
    {
        Path privateDirectory = Files.createDirectory(temp.resolve("private"));
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            environment.put("VARIABLE_" + i, "value");
        }

        assertThatThrownBy(() -> ShellProcess.start(List.of("/bin/sh"), environment, temp, privateDirectory))
                .hasMessageStartingWith("The shell /bin/sh cannot start (its environment has 100000 variables, ")
                .hasMessageContaining("Argument list too long");
    }
}
