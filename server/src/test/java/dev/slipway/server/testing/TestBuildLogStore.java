package dev.slipway.server.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.build.log.BuildLogStore;
import dev.slipway.server.build.log.BuildLogWriter;
import dev.slipway.server.build.log.LogInfo;
import dev.slipway.server.config.SlipwayConfig;

/**
 * A minimal file-backed {@link BuildLogStore} for the build service's tests until the log feature's store is merged:
 * one UTF-8 file per build under {@code <data>/test-logs}, a marker file when the log is complete. Every line is written
 * through to the file at once, so a test (or a {@code kill -9}) sees exactly what was written.
 */
@Singleton
public final class TestBuildLogStore
        implements BuildLogStore
{
    private final Path directory;
    private final Set<String> writing = ConcurrentHashMap.newKeySet();

    @Inject
    public TestBuildLogStore(SlipwayConfig config)
    {
        this(config.dataDirectory().resolve("test-logs"));
    }

    public TestBuildLogStore(Path directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /** Binds this store as the server's {@link BuildLogStore}. */
    public static final class Module
            extends AbstractModule
    {
        @Override
        protected void configure()
        {
            bind(BuildLogStore.class).to(TestBuildLogStore.class);
        }
    }

    @Override
    public BuildLogWriter open(String buildId)
            throws IOException
    {
        if (Files.exists(completeMarker(buildId))) {
            throw new SlipwayException(ErrorCode.CONFLICT, "The log of build " + buildId + " is complete");
        }
        if (!writing.add(buildId)) {
            throw new SlipwayException(ErrorCode.CONFLICT, "The log of build " + buildId + " is open for writing");
        }
        Files.createDirectories(directory);
        Path file = file(buildId);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        return new BuildLogWriter()
        {
            private boolean closed;

            @Override
            public synchronized void line(String text)
            {
                if (closed) {
                    throw new IllegalStateException("The log of build " + buildId + " is closed");
                }
                StringBuilder lines = new StringBuilder();
                for (String line : text.split("\n", -1)) {
                    lines.append(line).append('\n');
                }
                if (text.endsWith("\n")) {
                    lines.setLength(lines.length() - 1);
                }
                try {
                    Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public synchronized void complete()
            {
                try {
                    if (!Files.exists(completeMarker(buildId))) {
                        Files.createFile(completeMarker(buildId));
                    }
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public synchronized void close()
            {
                if (!closed) {
                    closed = true;
                    writing.remove(buildId);
                }
            }
        };
    }

    @Override
    public boolean exists(String buildId)
    {
        return Files.exists(file(buildId));
    }

    @Override
    public LogInfo info(String buildId)
    {
        List<String> lines = lines(buildId);
        long bytes = lines.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1L).sum();
        return new LogInfo(lines.size(), bytes, Files.exists(completeMarker(buildId)));
    }

    /** @return the build's lines; NOT_FOUND if it has no log */
    public List<String> lines(String buildId)
    {
        if (!exists(buildId)) {
            throw new SlipwayException(ErrorCode.NOT_FOUND, "Build " + buildId + " has no log");
        }
        try {
            return Files.readAllLines(file(buildId), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true once the build's log was completed */
    public boolean isComplete(String buildId)
    {
        return Files.exists(completeMarker(buildId));
    }

    @Override
    public void delete(String buildId)
            throws IOException
    {
        if (writing.contains(buildId)) {
            throw new SlipwayException(ErrorCode.CONFLICT, "The log of build " + buildId + " is open for writing");
        }
        Files.deleteIfExists(file(buildId));
        Files.deleteIfExists(completeMarker(buildId));
    }

    private Path file(String buildId)
    {
        return directory.resolve(name(buildId) + ".log");
    }

    private Path completeMarker(String buildId)
    {
        return directory.resolve(name(buildId) + ".complete");
    }

    private static String name(String buildId)
    {
        return HexFormat.of().formatHex(buildId.getBytes(StandardCharsets.UTF_8));
    }
}
