package dev.slipway.plugins.localexecutor;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Looking users up through getent, as run-as does. */
class UserAccountIT
{
    @Test
    void looksUpAUserByNameAndByNumber()
            throws Exception
    {
        assertThat(UserAccount.lookUp("root")).contains(new UserAccount("root", 0, 0, "/root"));
        assertThat(UserAccount.lookUp("0")).map(UserAccount::name).contains("root");
    }

    @Test
    void unknownOrMalformedNamesAreAbsent()
            throws Exception
    {
        assertThat(UserAccount.lookUp("no-such-user-slipway")).isEmpty();
        assertThat(UserAccount.lookUp("root:x")).isEmpty();
        assertThat(UserAccount.lookUp("")).isEmpty();
        assertThat(UserAccount.parse("not a passwd line")).isEmpty();
        assertThat(UserAccount.parse("bob:x:abc:1000::/home/bob:/bin/sh")).isEmpty();
    }

    @Test
    void currentUidIsTheProcessesEffectiveUser()
            throws Exception
    {
        Process id = new ProcessBuilder("id", "-u").start();
        String expected = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        id.waitFor();

        assertThat(UserAccount.currentUid()).isEqualTo(Long.parseLong(expected));
    }
}
