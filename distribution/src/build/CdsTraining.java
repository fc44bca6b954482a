import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class data sharing training run of the distribution build: starts {@code bin/slipway server} from the assembled
 * home with {@code SLIPWAY_CDS=dump}, sends the requests a user's first visit sends, and stops it with SIGTERM; the
 * JVM then writes {@code lib/slipway.jsa} on its way out. Run by Maven as a single-file program
 * ({@code java CdsTraining.java <home> <work directory>}) with the JVM the launcher would find in the same shell.
 *
 * <p>A server that does not start, answer or stop cleanly fails the build (the distribution is broken). A JVM that
 * cannot write an archive (one without a base CDS archive) only warns: the distribution then starts without it.
 */
public final class CdsTraining
{
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    public static void main(String[] args)
            throws Exception
    {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: java CdsTraining.java <slipway home> <work directory>");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(work);
        Path log = work.resolve("cds-training.log");
        Path archive = home.resolve("lib/slipway.jsa");
        int port = freePort();

        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/slipway").toString(), "server")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SLIPWAY_"));
        builder.environment().put("SLIPWAY_CDS", "dump");
        builder.environment().put("SLIPWAY_SERVER_PORT", Integer.toString(port));
        builder.environment().put("SLIPWAY_DATA", work.resolve("data").toString());

        long begin = System.nanoTime();
        Process server = builder.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitHealthy(client, base, server, log);
            // What the console's first visit asks for, plus an error response: their classes load in the training.
            for (String path : List.of("api/v1/health", "api/v1/plugins", "api/v1/openapi.json", "", "plugins", "api/v1/plugins/no-such-plugin")) {
                get(client, base.resolve(path));
            }
            server.destroy();
            if (!server.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                fail("bin/slipway server did not stop within " + DEADLINE.toSeconds() + "s of SIGTERM", log);
            }
            if (server.exitValue() != 0) {
                fail("bin/slipway server exited with " + server.exitValue() + " after SIGTERM", log);
            }
        }
        finally {
            if (server.isAlive()) {
                server.destroyForcibly();
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - begin).toMillis();
        if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
            System.out.printf("CDS training run: %s (%d KB) written in %d ms%n", home.relativize(archive), Files.size(archive) / 1024, millis);
        }
        else {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(home.resolve("lib/slipway.jsa.id"));
            System.out.println("[WARNING] This JVM wrote no class data sharing archive; the distribution starts without one. Log: " + log);
        }
    }

    private static void awaitHealthy(HttpClient client, URI base, Process server, Path log)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("bin/slipway server exited with " + server.exitValue() + " before it answered", log);
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("api/v1/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        fail("bin/slipway server did not answer /api/v1/health within " + DEADLINE.toSeconds() + "s", log);
    }

    private static void get(HttpClient client, URI uri)
            throws IOException, InterruptedException
    {
        client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void fail(String message, Path log)
            throws IOException
    {
        System.err.println(message + ". Its output (" + log + "):");
        System.err.println(Files.readString(log));
        System.exit(1);
    }
}
