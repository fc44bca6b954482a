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
    void masksFiftyMegabytesOfLogQuickly()
    {
        SecretMasker masker = SecretMasker.of(List.of("s3cr3t-value-1", "another-secret-2", "{\"json\":\"secret\"}"));
        String line = "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/example/artifact/1.0/artifact-1.0.pom";
        int lines = 50 * 1024 * 1024 / line.length();
        long start = System.nanoTime();
        int masked = 0;
        for (int i = 0; i < lines; i++) {
            if (masker.mask(line) != line) {
                masked++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(masked).isZero();
        // Generous bound for a shared 2-core machine; a linear scan takes well under a second.
        assertThat(millis).isLessThan(5_000);
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
