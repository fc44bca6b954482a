package dev.slipway.server.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for tests, chosen by the system property {@value #PROPERTY}:
 * <ul>
 * <li>unset: no PostgreSQL; tests that need one are skipped, and say so in the log;</li>
 * <li>{@code start}: a private server is created with {@code initdb} and started with {@code pg_ctl} on 127.0.0.1 and a
 *     free port (as the {@code postgres} user when the tests run as root), and removed afterwards;</li>
 * <li>a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}: a running server (CI starts
 *     one); its user must be allowed to create databases.</li>
 * </ul>
 * When the property is set the tests must run: a server that cannot be started or reached fails them.
 *
 * <p>Each test gets a database of its own from {@link #createDatabase()}, dropped by {@link #close()}.
 */
public final class TestPostgres
        implements AutoCloseable
{
    public static final String PROPERTY = "slipway.test.postgres";

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

    private final String adminUrl;
    private final Optional<Path> ownServer;
    private final List<String> databases = new ArrayList<>();

    private TestPostgres(String adminUrl, Optional<Path> ownServer)
    {
        this.adminUrl = requireNonNull(adminUrl, "adminUrl is null");
        this.ownServer = ownServer;
    }

    /** @return the PostgreSQL the system property asks for, or empty (logged) when it is unset */
    public static Optional<TestPostgres> fromSystemProperty()
    {
        String setting = System.getProperty(PROPERTY, "").trim();
        if (setting.isEmpty()) {
            log.warn("PostgreSQL tests are SKIPPED: -D{} is not set (use 'start' to run a private server, or a JDBC URL)", PROPERTY);
            return Optional.empty();
        }
        if (setting.equals("start")) {
            return Optional.of(startOwn());
        }
        if (!setting.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be 'start' or a jdbc:postgresql: URL, was '" + setting + "'");
        }
        TestPostgres postgres = new TestPostgres(setting, Optional.empty());
        postgres.execute("SELECT 1");
        return Optional.of(postgres);
    }

    /** Creates an empty database and returns its JDBC URL (with the user of the admin URL). */
    public String createDatabase()
    {
        String name = "slipway_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        databases.add(name);
        return withDatabase(adminUrl, name);
    }

    @Override
    public void close()
    {
        for (String database : databases) {
            try {
                execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
            catch (RuntimeException e) {
                log.warn("Cannot drop test database {}: {}", database, e.getMessage());
            }
        }
        ownServer.ifPresent(TestPostgres::stopOwn);
    }

    private void execute(String sql)
    {
        try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl + " failed '" + sql + "': " + e.getMessage(), e);
        }
    }

    static String withDatabase(String url, String database)
    {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }

    private static TestPostgres startOwn()
    {
        Path binaries = binaries();
        try {
            Path directory = Files.createTempDirectory("slipway-postgres-");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres:postgres", directory.toString()));
            }
            int port = freePort();
            run(asPostgres(root, List.of(binaries.resolve("initdb").toString(), "-D", directory.resolve("data").toString(), "-U", "postgres",
                    "--auth=trust", "--no-sync", "-E", "UTF8")));
            run(asPostgres(root, List.of(binaries.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-l",
                    directory.resolve("postgres.log").toString(), "-w", "-o",
                    "-c listen_addresses=127.0.0.1 -p " + port + " -k " + directory + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
                    "start")));
            log.info("Started a private PostgreSQL on 127.0.0.1:{} in {}", port, directory);
            return new TestPostgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres", Optional.of(directory));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start a private PostgreSQL", e);
        }
    }

    private static void stopOwn(Path directory)
    {
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            run(asPostgres(root, List.of(binaries().resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop")));
            run(List.of("rm", "-rf", directory.toString()));
        }
        catch (RuntimeException e) {
            log.warn("Cannot stop the private PostgreSQL in {}: {}", directory, e.getMessage());
        }
    }

    private static Path binaries()
    {
        for (String candidate : List.of("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin")) {
            Path directory = Path.of(candidate);
            if (Files.isExecutable(directory.resolve("initdb")) && Files.isExecutable(directory.resolve("pg_ctl"))) {
                return directory;
            }
        }
        throw new IllegalStateException("-D" + PROPERTY + "=start needs PostgreSQL's initdb and pg_ctl (Debian: apt-get install postgresql)");
    }

    private static List<String> asPostgres(boolean root, List<String> command)
    {
        if (!root) {
            return command;
        }
        List<String> asUser = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asUser.addAll(command);
        return asUser;
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command)
    {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
