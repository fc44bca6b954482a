package dev.slipway.server.build.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.secret.SecretMasker;

/** A writer opened with a masker never lets a secret's value, in any of its forms, reach the file. */
class SecretMaskingTest
{
    private static final String PASSWORD = "p@ss word&x=1/tr0ub4dor";
    private static final String PRIVATE_KEY = """
            -----BEGIN KEY-----
            MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu
            KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==
            -----END KEY-----""";
    private static final String BUILD = "deploy:1";

    @TempDir
    Path directory;

    private FileBuildLogStore store;

    @BeforeEach
    void createStore()
    {
        store = new FileBuildLogStore(directory.resolve("logs"), Duration.ofMillis(5), Duration.ofSeconds(10));
    }

    @AfterEach
    void closeStore()
    {
        store.close();
    }

    @Test
    void plainBase64UrlEncodedAndMultiLineSecretsNeverReachTheFile()
            throws IOException
    {
        String base64 = Base64.getEncoder().encodeToString(PASSWORD.getBytes(UTF_8));
        String urlEncoded = URLEncoder.encode(PASSWORD, UTF_8);
        String keyLine = PRIVATE_KEY.lines().toList().get(1);
        try (BuildLogWriter writer = store.open(BUILD, SecretMasker.of(List.of(PASSWORD, PRIVATE_KEY)))) {
            writer.line("executor: logging in with " + PASSWORD);
            writer.line("Authorization: Basic " + base64);
            writer.line("GET /login?password=" + urlEncoded + " 200");
            writer.line("GET /login?password=" + urlEncoded.replace("+", "%20") + " 200");
            writer.line("key file:\n" + PRIVATE_KEY + "\nend of key file");
            // The same key, one line per call, as an executor that splits its output would send it.
            PRIVATE_KEY.lines().forEach(line -> writer.line("  " + line));
            // A secret across the 64 KB cut: masking comes before splitting, so no half of it survives.
            writer.line("x".repeat(BuildLogStore.MAX_LINE_BYTES - 10) + PASSWORD + "y".repeat(100) + " tail");
            writer.complete();
        }

        String file = Files.readString(LogFiles.of(store.root(), BUILD).log(), UTF_8);
        assertThat(file).doesNotContain(PASSWORD, base64, urlEncoded, urlEncoded.replace("+", "%20"), keyLine, "tr0ub4dor", "MIIBOgIBAAJBAKj34");
        assertThat(file).contains("executor: logging in with ***", "Authorization: Basic ***", "GET /login?password=*** 200", "key file:", "end of key file");
        List<String> lines = store.read(BUILD, 0, 100).lines();
        assertThat(lines).contains("executor: logging in with ***", "  ***");
        assertThat(lines.get(lines.size() - 2)).endsWith("x***yyyyyyy");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("y".repeat(100 - 7) + " tail");
    }

    @Test
    void withoutAMaskerLinesAreWrittenAsTheyCome()
            throws IOException
    {
        try (BuildLogWriter writer = store.open(BUILD)) {
            writer.line("already masked by the engine: ***");
            writer.complete();
        }

        assertThat(store.read(BUILD, 0, 1).lines()).containsExactly("already masked by the engine: ***");
    }
}
