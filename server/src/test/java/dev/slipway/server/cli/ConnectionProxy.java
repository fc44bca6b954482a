package dev.slipway.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy on 127.0.0.1 (a free port) in front of a server, for what a real network does to a client: it records
 * what the clients send (request lines and headers) and what it let through to them, and breaks connections on demand — {@link #dropAll()} closes them,
 * {@link #freezeAll()} keeps them open but lets nothing more through to the client, {@link #retarget(int)} sends new
 * connections elsewhere (a restarted server, or a closed port).
 */
final class ConnectionProxy
        implements AutoCloseable
{
    private final ServerSocket listener;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final StringBuffer sent = new StringBuffer();
    private final StringBuffer received = new StringBuffer();
    private volatile int targetPort;
    private volatile int connections;

    private ConnectionProxy(int targetPort)
    {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a proxy to the server at the URI's port on 127.0.0.1 */
    static ConnectionProxy to(URI server)
    {
        return new ConnectionProxy(server.getPort());
    }

    /** @return the proxy's URL, to give the client instead of the server's */
    URI uri()
    {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /** New connections go to this port from now on. */
    void retarget(int port)
    {
        targetPort = port;
    }

    /** Closes every open connection, as a network failure or a dying server would. */
    void dropAll()
    {
        for (Link link : links) {
            link.close();
        }
    }

    /** The open connections let nothing more through to the client (new connections are not affected). */
    void freezeAll()
    {
        for (Link link : links) {
            link.freeze();
        }
    }

    /** @return everything the clients sent so far (requests and their headers) */
    String sent()
    {
        return sent.toString();
    }

    /** @return everything the servers sent that reached the clients so far (responses as they are on the wire) */
    String received()
    {
        return received.toString();
    }

    /** @return how many connections clients opened so far */
    int connections()
    {
        return connections;
    }

    /** @return a port on 127.0.0.1 that nothing listens on (it did a moment ago) */
    static int closedPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept()
    {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            }
            catch (IOException e) {
                return;
            }
            connections++;
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            }
            catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            Link link = new Link(client, server);
            links.add(link);
            link.start();
        }
    }

    @Override
    public void close()
    {
        closeQuietly(listener);
        dropAll();
    }

    private static void closeQuietly(AutoCloseable closeable)
    {
        try {
            closeable.close();
        }
        catch (Exception e) {
            // Closing is all that is wanted.
        }
    }

    /** One client connection and the server connection it is forwarded to. */
    private final class Link
    {
        private final Socket client;
        private final Socket server;
        private final CountDownLatch thawed = new CountDownLatch(1);
        private volatile boolean frozen;

        Link(Socket client, Socket server)
        {
            this.client = client;
            this.server = server;
        }

        void start()
        {
            Thread up = new Thread(() -> pump(client, server, true), "proxy-up");
            Thread down = new Thread(() -> pump(server, client, false), "proxy-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        void freeze()
        {
            frozen = true;
        }

        private void pump(Socket from, Socket to, boolean fromClient)
        {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (fromClient) {
                        sent.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    }
                    else if (frozen) {
                        // Holds everything back until the link is closed; the client hears nothing more.
                        thawed.await();
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                    if (!fromClient) {
                        received.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    }
                }
            }
            catch (IOException e) {
                // One side closed: close the other below.
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finally {
                close();
            }
        }

        void close()
        {
            thawed.countDown();
            closeQuietly(client);
            closeQuietly(server);
            links.remove(this);
        }
    }
}
