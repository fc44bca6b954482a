package dev.slipway.testplugins.broken;

/** Left out of the missing-class plugin's zip. */
public final class MissingHelper
{
    public void help() {}
}
