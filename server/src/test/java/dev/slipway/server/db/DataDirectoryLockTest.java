package dev.slipway.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

class DataDirectoryLockTest
{
    @TempDir
    Path temporary;

    @Test
    void createsTheDirectoryAndWritesThePid()
            throws Exception
    {
        Path data = temporary.resolve("data/nested");
        DataDirectoryLock lock = new DataDirectoryLock(data);

        lock.startAsync().awaitRunning();
        try {
            assertThat(Files.readString(data.resolve(DataDirectoryLock.LOCK_FILE))).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        finally {
            lock.stopAsync().awaitTerminated();
        }
    }

    @Test
    void aSecondLockOnTheSameDirectoryFailsNamingTheDirectoryAndTheHolder()
    {
        DataDirectoryLock first = new DataDirectoryLock(temporary);
        first.startAsync().awaitRunning();
        try {
            DataDirectoryLock second = new DataDirectoryLock(temporary);
            second.startAsync();

            assertThatThrownBy(second::awaitRunning).isInstanceOf(IllegalStateException.class);
            assertThat(second.failureCause())
                    .isInstanceOf(SlipwayException.class)
                    .hasMessageStartingWith("Data directory " + temporary + " is in use by another Slipway server (pid " + ProcessHandle.current().pid() + ")");
            assertThat(((SlipwayException) second.failureCause()).errorCode()).isEqualTo(ErrorCode.CONFLICT);
        }
        finally {
            first.stopAsync().awaitTerminated();
        }
    }

    @Test
    void theLockIsReleasedOnStop()
    {
        DataDirectoryLock first = new DataDirectoryLock(temporary);
        first.startAsync().awaitRunning();
        first.stopAsync().awaitTerminated();

        DataDirectoryLock second = new DataDirectoryLock(temporary);
        second.startAsync().awaitRunning();
        second.stopAsync().awaitTerminated();
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsAClearError()
            throws Exception
    {
        Path file = Files.writeString(temporary.resolve("file"), "not a directory");
        DataDirectoryLock lock = new DataDirectoryLock(file.resolve("data"));

        lock.startAsync();

        assertThatThrownBy(lock::awaitRunning).isInstanceOf(IllegalStateException.class);
        assertThat(lock.failureCause()).hasMessageStartingWith("Cannot use data directory " + file.resolve("data"));
    }

    @Test
    void urlsLoseTheirQueryInMessages()
    {
        assertThat(Database.redact("jdbc:postgresql://db/slipway?user=ci&password=secret")).isEqualTo("jdbc:postgresql://db/slipway?…");
        assertThat(Database.redact("jdbc:h2:file:/data/db/slipway;DB_CLOSE_ON_EXIT=FALSE")).isEqualTo("jdbc:h2:file:/data/db/slipway;DB_CLOSE_ON_EXIT=FALSE");
    }
}
