package dev.slipway.server.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the server. Subclasses do their work in {@link #run}; this class gives them the client for
 * {@code --server}/{@code --token}, and turns a {@link CliFailure} into {@code error: <message>} on standard error,
 * one indented line per detail, and the failure's exit code — never a stack trace. Usage errors
 * ({@link picocli.CommandLine.ParameterException}) go on to picocli, which prints them with the usage and exits 2.
 */
abstract class ClientCommand
        implements Callable<Integer>
{
    @Option(names = {"-h", "--help"}, usageHelp = true, order = 103, description = "Shows this help and exits.")
    boolean help;

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    /**
     * Does the command's work.
     *
     * @return the exit code
     * @throws CliFailure when the server refuses, cannot be reached, or a local file cannot be read
     */
    abstract int run(Session session);

    @Override
    public final Integer call()
    {
        CliContext context = context();
        try {
            return run(new Session(client.connect(context), context, client.styles(context)));
        }
        catch (CliFailure failure) {
            context.out().flush();
            print(failure, context);
            return failure.exitCode();
        }
        finally {
            context.out().flush();
            context.err().flush();
        }
    }

    static void print(CliFailure failure, CliContext context)
    {
        context.err().println("error: " + failure.getMessage());
        for (String detail : failure.details()) {
            context.err().println("  " + detail);
        }
    }

    CliContext context()
    {
        for (CommandSpec parent = spec.parent(); parent != null; parent = parent.parent()) {
            if (parent.userObject() instanceof ClientGroup group) {
                return group.context();
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " is not a subcommand of a client command group");
    }

    /**
     * What a command works with.
     *
     * @param client the server's API
     * @param context the streams, environment and clock
     * @param styles colours, or none
     */
    record Session(SlipwayClient client, CliContext context, Styles styles)
    {
    }
}
