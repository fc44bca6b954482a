package dev.slipway.server.run;

/**
 * {@code slipway run} could not start a build: a missing source directory or buildspec file, an unreadable secrets
 * file, no executor plugin. The message is for the person at the terminal and says what would work.
 */
final class RunSetupException
        extends Exception
{
    private static final long serialVersionUID = 1L;

    RunSetupException(String message)
    {
        super(message);
    }

    RunSetupException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
