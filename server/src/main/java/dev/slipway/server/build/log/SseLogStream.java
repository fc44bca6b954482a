package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.glassfish.jersey.server.ChunkedOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a followed log as Server-Sent Events (contracts-service.md): each line is an event {@code line} whose
 * {@code id} is its line number, idle periods get a comment, and the log's completion an event {@code end} with data
 * {@code {"lines":N}}, after which the stream is closed.
 *
 * <p>SSE cannot carry a carriage return inside an event's data (it ends a field there), so a {@code \r} inside a line
 * arrives as a line break of the event's data: {@code 10%\r20%} becomes the data {@code "10%\n20%"}. The other
 * endpoints return the line as it is.
 *
 * <p>Runs on the store's delivery thread of its subscription. A viewer that reads nothing for {@link #WRITE_TIMEOUT}
 * is dropped (it reconnects with {@code Last-Event-ID}); one that is gone is noticed at the next write.
 */
final class SseLogStream
        implements RawLogFollower
{
    private static final Logger log = LoggerFactory.getLogger(SseLogStream.class);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LINE_EVENT = "event: line\nid: ".getBytes(StandardCharsets.UTF_8);
    // A data field starts on a line of its own; a \r inside a line starts another one.
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.UTF_8);

    private final String buildId;
    private final ChunkedOutput<SseChunk> output;
    private final LiveLogStreams streams;
    private volatile LogSubscription subscription;

    SseLogStream(String buildId, ChunkedOutput<SseChunk> output, LiveLogStreams streams)
    {
        this.buildId = requireNonNull(buildId, "buildId is null");
        this.output = requireNonNull(output, "output is null");
        this.streams = requireNonNull(streams, "streams is null");
    }

    /** Starts following: registers with the open streams, then subscribes. */
    void start(BuildLogStore store, long fromLine)
    {
        streams.opened(this);
        try {
            subscription = store.follow(buildId, fromLine, this);
        }
        catch (RuntimeException e) {
            closeOutput();
            throw e;
        }
    }

    /** Ends the stream from outside (the server is stopping): no end event, the viewer reconnects. */
    void stop(String reason)
    {
        LogSubscription following = subscription;
        if (following != null) {
            following.close();
        }
        ended(reason);
    }

    @Override
    public void lines(long firstLine, List<String> lines)
            throws IOException, InterruptedException
    {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int[] starts = new int[lines.size() + 1];
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = text.size();
            text.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
            text.write('\n');
        }
        starts[lines.size()] = text.size();
        rawLines(firstLine, new RawLines(text.toByteArray(), starts));
    }

    /** Builds the events straight from the file's bytes: one pass to size them, one to copy. */
    @Override
    public void rawLines(long firstLine, RawLines lines)
            throws IOException, InterruptedException
    {
        byte[] text = lines.bytes();
        int carriageReturns = 0;
        for (int i = lines.start(0); i < lines.start(lines.count()); i++) {
            if (text[i] == '\r') {
                carriageReturns++;
            }
        }
        long lastLine = firstLine + lines.count() - 1;
        int size = lines.start(lines.count()) - lines.count() + carriageReturns * (DATA.length - 1)
                + lines.count() * (LINE_EVENT.length + DATA.length + 2) + digits(firstLine, lastLine);
        byte[] events = new byte[size];
        int at = 0;
        for (int i = 0; i < lines.count(); i++) {
            System.arraycopy(LINE_EVENT, 0, events, at, LINE_EVENT.length);
            at += LINE_EVENT.length;
            at = writeNumber(firstLine + i, events, at);
            System.arraycopy(DATA, 0, events, at, DATA.length);
            at += DATA.length;
            int start = lines.start(i);
            int end = lines.end(i);
            if (carriageReturns == 0) {
                System.arraycopy(text, start, events, at, end - start);
                at += end - start;
            }
            else {
                for (int j = start; j < end; j++) {
                    if (text[j] == '\r') {
                        System.arraycopy(DATA, 0, events, at, DATA.length);
                        at += DATA.length;
                    }
                    else {
                        events[at++] = text[j];
                    }
                }
            }
            events[at++] = '\n';
            events[at++] = '\n';
        }
        if (at != size) {
            throw new IllegalStateException("Sized " + size + " bytes of events but wrote " + at);
        }
        send(events);
    }

    /** @return the number of decimal digits of all numbers in {@code [first, last]} */
    private static int digits(long first, long last)
    {
        int total = 0;
        long low = first;
        long power = 10;
        int width = 1;
        while (low <= last) {
            long high = Math.min(last, power - 1);
            if (high >= low) {
                total += (int) ((high - low + 1) * width);
                low = high + 1;
            }
            power *= 10;
            width++;
        }
        return total;
    }

    private static int writeNumber(long number, byte[] into, int at)
    {
        String digits = Long.toString(number);
        for (int i = 0; i < digits.length(); i++) {
            into[at + i] = (byte) digits.charAt(i);
        }
        return at + digits.length();
    }

    @Override
    public void idle()
            throws IOException, InterruptedException
    {
        send(HEARTBEAT);
    }

    @Override
    public void completed(long totalLines)
    {
        try {
            send(("event: end\ndata: {\"lines\":" + totalLines + "}\n\n").getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            log.debug("The end event of the log of build {} did not reach its viewer: {}", buildId, e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            closeOutput();
        }
    }

    @Override
    public void ended(String reason)
    {
        log.debug("Live log stream of build {} ended: {}", buildId, reason);
        closeOutput();
    }

    private void send(byte[] bytes)
            throws IOException, InterruptedException
    {
        if (output.isClosed()) {
            throw new IOException("The viewer's connection is closed");
        }
        SseChunk chunk = new SseChunk(bytes);
        output.write(chunk);
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        // Check now and then whether the connection died while another thread was writing to it.
        while (!chunk.awaitWritten(1, TimeUnit.SECONDS)) {
            if (output.isClosed()) {
                throw new IOException("The viewer's connection is closed");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("The viewer read nothing for " + WRITE_TIMEOUT.toSeconds() + " s; dropping it (it may reconnect with Last-Event-ID)");
            }
        }
    }

    private void closeOutput()
    {
        streams.closed(this);
        try {
            output.close();
        }
        catch (IOException | RuntimeException e) {
            log.debug("Closing the live log stream of build {}: {}", buildId, e.toString());
        }
    }
}
