package dev.slipway.testkit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class Sha256
{
    private Sha256() {}

    static MessageDigest newDigest()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    static String hex(byte[] content)
    {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    static String hex(MessageDigest digest)
    {
        return HexFormat.of().formatHex(digest.digest());
    }
}
