package dev.slipway.server.build.log;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.inject.Singleton;

import dev.slipway.server.http.HttpShutdownListener;

/**
 * The live log streams (SSE responses) that are open, so that they end when the HTTP server begins to stop instead of
 * holding its shutdown for the whole grace period. Viewers reconnect to the next server with {@code Last-Event-ID}.
 */
@Singleton
final class LiveLogStreams
        implements HttpShutdownListener
{
    private final Set<SseLogStream> open = ConcurrentHashMap.newKeySet();

    void opened(SseLogStream stream)
    {
        open.add(stream);
    }

    void closed(SseLogStream stream)
    {
        open.remove(stream);
    }

    int count()
    {
        return open.size();
    }

    @Override
    public void httpServerStopping()
    {
        for (SseLogStream stream : open) {
            stream.stop("the server is stopping");
        }
    }
}
