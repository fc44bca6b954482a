package dev.slipway.server.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.slipway.api.SlipwayException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretMaskerTest
{
    @Test
    void masksEveryOccurrenceOfAValue()
    {
        SecretMasker masker = SecretMasker.of(List.of("hunter2"));
        assertThat(masker.mask("pw=hunter2 again hunter2!")).isEqualTo("pw=*** again ***!");
    }

    @Test
    void masksBase64AndUrlEncodedForms()
    {
        String secret = "p@ss word/+?";
        SecretMasker masker = SecretMasker.of(List.of(secret));
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);

        assertThat(masker.mask("Authorization: Basic " + base64)).isEqualTo("Authorization: Basic ***");
        assertThat(masker.mask("t=" + urlSafe)).isEqualTo("t=***");
        assertThat(masker.mask("https://x/?p=" + form)).isEqualTo("https://x/?p=***");
        assertThat(masker.mask("https://x/?p=" + form.replace("+", "%20"))).isEqualTo("https://x/?p=***");
    }

    @Test
    void masksEachLineOfAMultiLineValueButNotShortLines()
    {
        SecretMasker masker = SecretMasker.of(List.of("-----BEGIN KEY-----\nMIIEabcdef\n}\n-----END KEY-----"));
        assertThat(masker.mask("MIIEabcdef")).isEqualTo("***");
        assertThat(masker.mask("  -----END KEY-----")).isEqualTo("  ***");
        assertThat(masker.mask("if (x) { y }")).isEqualTo("if (x) { y }");
    }

    @Test
    void overlappingAndAdjacentSecretsAreMaskedAsOne()
    {
        SecretMasker masker = SecretMasker.of(List.of("abcdef", "defghi", "xyz"));
        assertThat(masker.mask("__abcdefghi__")).isEqualTo("__***__");
        assertThat(masker.mask("xyzxyz")).isEqualTo("***");
        assertThat(masker.mask("ab-abcdef-xyz")).isEqualTo("ab-***-***");
    }

    @Test
    void longestMatchWinsWhenOneSecretContainsAnother()
    {
        SecretMasker masker = SecretMasker.of(List.of("token", "token-with-suffix"));
        assertThat(masker.mask("[token-with-suffix]")).isEqualTo("[***]");
        assertThat(masker.mask("a longer secret starts x token-with-suf")).isEqualTo("a longer secret starts x ***-with-suf");
    }

    @Test
    void lineWithoutSecretIsReturnedAsTheSameInstanceAndNoneMasksNothing()
    {
        String line = "nothing to see here";
        assertThat(SecretMasker.of(List.of("hunter2")).mask(line)).isSameAs(line);
        assertThat(SecretMasker.none().mask(line)).isSameAs(line);
        assertThat(SecretMasker.of(List.of("", "   ")).isEmpty()).isTrue();
    }

    @Test
    void addingSecretsKeepsTheEarlierOnes()
    {
        SecretMasker masker = SecretMasker.of(List.of("first-secret")).with(List.of("second-secret"));
        assertThat(masker.mask("first-secret second-secret")).isEqualTo("*** ***");
        assertThat(masker.secretCount()).isEqualTo(2);
        assertThat(masker.toString()).doesNotContain("secret-");
    }

    @Test
    void aLineWithoutASecretIsReturnedItselfNotACopy()
    {
        // Throughput is measured in benchmarks/ (EngineBenchmarks, "masking"); here: the common case allocates nothing.
        SecretMasker masker = SecretMasker.of(List.of("s3cr3t-value-1", "another-secret-2", "{\"json\":\"secret\"}"));
        String line = "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/example/artifact/1.0/artifact-1.0.pom";
        String nearMiss = "s3cr3t-value- another-secret-3 {\"json\":\"secre";

        assertThat(masker.mask(line)).isSameAs(line);
        assertThat(masker.mask(nearMiss)).isSameAs(nearMiss);
        assertThat(masker.mask(nearMiss + "t\"}")).isEqualTo("s3cr3t-value- another-secret-3 ***");
    }

    @Test
    void longSecretsCostMemoryInProportionToTheirLengthNotTimesTheAlphabet()
    {
        // A PEM private key: 3 KB of base64 in 64-character lines; with its encodings the automaton has ~15,000 states.
        java.util.Random random = new java.util.Random(42);
        byte[] der = new byte[2300];
        random.nextBytes(der);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----";
        assertThat(pem.length()).isGreaterThan(3000);

        SecretMasker masker = SecretMasker.of(List.of(pem));

        // A complete row per state would be ~15,000 states x ~70 columns x 4 bytes = 4 MB and more; the bound is 1 MB.
        assertThat(masker.automatonCells() * Integer.BYTES).isLessThan(1024 * 1024);
        String line = body.substring(130, 194);
        assertThat(masker.mask("key line: " + line + " end")).isEqualTo("key line: *** end");
        String encoded = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
        assertThat(masker.mask("b64=" + encoded + ";")).isEqualTo("b64=***;");
        assertThat(masker.mask("no secret here")).isEqualTo("no secret here");
    }

    @Test
    void masksExactlyTheUnionOfAllOccurrencesOnRandomInput()
    {
        // Differential check against a naive search, with a tiny dense part so that most states are sparse.
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 300; round++) {
            List<String> secrets = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                secrets.add(randomText(random, 1 + random.nextInt(8)));
            }
            SecretMasker masker = SecretMasker.of(secrets, 2 * 5);
            for (int i = 0; i < 20; i++) {
                String text = randomText(random, random.nextInt(40));
                assertThat(masker.mask(text)).as("secrets %s in '%s'", secrets, text).isEqualTo(naiveMask(masker, text));
            }
        }
    }

    @Test
    void theWindowSkipOfLongSecretsMasksExactlyTheUnionOfAllOccurrences()
    {
        // Secrets of 8 or more characters let the scan skip ahead by windows; texts over a small alphabet, with the
        // secrets and their beginnings planted in them, put matches, near misses and overlaps everywhere.
        java.util.Random random = new java.util.Random(11);
        String alphabet = "abcd";
        int windowed = 0;
        for (int round = 0; round < 300; round++) {
            List<String> secrets = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                StringBuilder secret = new StringBuilder();
                for (int j = 0; j < 8 + random.nextInt(13); j++) {
                    secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                secrets.add(secret.toString());
            }
            SecretMasker masker = SecretMasker.of(secrets, round % 2 == 0 ? SecretMasker.DENSE_CELLS : 2 * 5);
            if (masker.window() > 0) {
                windowed++;
            }
            for (int i = 0; i < 20; i++) {
                StringBuilder text = new StringBuilder();
                while (text.length() < random.nextInt(200)) {
                    switch (random.nextInt(4)) {
                        case 0 -> text.append(secrets.get(random.nextInt(secrets.size())));
                        case 1 -> {
                            String secret = secrets.get(random.nextInt(secrets.size()));
                            text.append(secret, 0, 1 + random.nextInt(secret.length() - 1));
                        }
                        default -> text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                assertThat(masker.mask(text.toString())).as("secrets %s in '%s'", secrets, text).isEqualTo(naiveMask(masker, text.toString()));
            }
        }
        // Their Base64 and URL forms are all as long or longer: every masker here scans by windows.
        assertThat(windowed).isEqualTo(300);
    }

    private static String randomText(java.util.Random random, int length)
    {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append("abc\n".charAt(random.nextInt(4)));
        }
        return text.toString();
    }

    /** Every occurrence of every pattern, overlapping or touching ranges merged, each range replaced by the mask. */
    private static String naiveMask(SecretMasker masker, String text)
    {
        List<int[]> ranges = new java.util.ArrayList<>();
        for (String pattern : masker.patterns()) {
            for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
                ranges.add(new int[] {at, at + pattern.length()});
            }
        }
        ranges.sort(java.util.Comparator.comparingInt(range -> range[0]));
        List<int[]> merged = new java.util.ArrayList<>();
        for (int[] range : ranges) {
            if (!merged.isEmpty() && range[0] <= merged.get(merged.size() - 1)[1]) {
                merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], range[1]);
            }
            else {
                merged.add(range.clone());
            }
        }
        StringBuilder result = new StringBuilder();
        int position = 0;
        for (int[] range : merged) {
            result.append(text, position, range[0]).append(SecretMasker.MASK);
            position = range[1];
        }
        return result.append(text.substring(position)).toString();
    }

    @Test
    void secretReferenceParsesIdJsonKeyStageAndVersion()
    {
        assertThat(SecretReference.parse("prod/db")).isEqualTo(new SecretReference("prod/db", java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()));
        SecretReference full = SecretReference.parse("prod/db:password::v-123");
        assertThat(full.jsonKey()).contains("password");
        assertThat(full.versionStage()).isEmpty();
        assertThat(full.versionId()).contains("v-123");
        assertThat(SecretReference.parse("prod/db:password").effectiveVersionStage()).contains("AWSCURRENT");
        SecretReference arn = SecretReference.parse("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:user:AWSPREVIOUS");
        assertThat(arn.secretId()).isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf");
        assertThat(arn.jsonKey()).contains("user");
        assertThat(arn.versionStage()).contains("AWSPREVIOUS");
    }

    @Test
    void secretReferenceRejectsStageTogetherWithVersionIdAndTooManyParts()
    {
        assertThatThrownBy(() -> SecretReference.parse("db:key:AWSCURRENT:v1")).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("both version stage 'AWSCURRENT' and version id 'v1'");
        assertThatThrownBy(() -> SecretReference.parse("db:a:b:c:d")).isInstanceOf(SlipwayException.class).hasMessageContaining("too many parts");
        assertThatThrownBy(() -> SecretReference.parse(":key")).isInstanceOf(SlipwayException.class).hasMessageContaining("no secret id");
    }
}
