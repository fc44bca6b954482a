package dev.slipway.testplugins.gamma;

/** Packaged in a jar in the gamma plugin's {@code lib/}, not in its {@code classes/}. */
public final class GammaGreeting
{
    public String text()
    {
        return "hello from lib";
    }
}
