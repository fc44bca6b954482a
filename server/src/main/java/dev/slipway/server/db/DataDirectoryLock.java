package dev.slipway.server.db;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.config.SlipwayConfig;

/**
 * Makes the data directory belong to one server: an OS file lock on {@code <data>/slipway.lock}, held from the first
 * service start to the last service stop. A second server on the same directory fails at once with a message naming
 * the directory and the process id of the holder, instead of failing later inside H2 or corrupting files.
 *
 * <p>The lock is released by the OS when the process dies, so a {@code kill -9} never leaves a stale lock behind.
 * The lock file holds the holder's pid as text; it is informative only.
 */
@Singleton
public final class DataDirectoryLock
        extends AbstractIdleService
{
    static final String LOCK_FILE = "slipway.lock";

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryLock.class);

    private final Path dataDirectory;
    private FileChannel channel;
    private FileLock lock;

    @Inject
    public DataDirectoryLock(SlipwayConfig config)
    {
        this(config.dataDirectory());
    }

    DataDirectoryLock(Path dataDirectory)
    {
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
    }

    /**
     * Creates the data directory if needed and locks it.
     *
     * @throws SlipwayException CONFLICT if another server holds the lock; EXTERNAL_FAILURE if the directory cannot be
     *         created or the lock file cannot be written
     */
    @Override
    protected void startUp()
    {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        catch (IOException e) {
            throw new SlipwayException(ErrorCode.EXTERNAL_FAILURE, "Cannot use data directory " + dataDirectory + ": " + e, e);
        }
        try {
            lock = channel.tryLock();
        }
        catch (OverlappingFileLockException e) {
            // Another server in this same JVM (tests run several) holds it.
            lock = null;
        }
        catch (IOException e) {
            closeChannel();
            throw new SlipwayException(ErrorCode.EXTERNAL_FAILURE, "Cannot lock " + lockFile + ": " + e, e);
        }
        if (lock == null) {
            String holder = readHolder(lockFile);
            closeChannel();
            throw new SlipwayException(ErrorCode.CONFLICT, "Data directory " + dataDirectory + " is in use by another Slipway server"
                    + holder + ". Stop that server first, or give this one another directory (data-directory in slipway.yml, or SLIPWAY_DATA)");
        }
        try {
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
        }
        catch (IOException e) {
            log.warn("Cannot write the process id into {}: {}", lockFile, e.toString());
        }
        log.info("Data directory {}", dataDirectory);
    }

    @Override
    protected void shutDown()
            throws IOException
    {
        if (lock != null) {
            lock.release();
            lock = null;
        }
        closeChannel();
    }

    private static String readHolder(Path lockFile)
    {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        }
        catch (IOException e) {
            return "";
        }
    }

    private void closeChannel()
    {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException e) {
                log.debug("Closing {} failed", dataDirectory.resolve(LOCK_FILE), e);
            }
            channel = null;
        }
    }

    @Override
    protected String serviceName()
    {
        return "data directory lock";
    }
}
