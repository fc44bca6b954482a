package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway builds start|stop|retry|list|get|logs}: builds on a server, over its REST API. */
@Command(name = "builds",
        description = "Start, stop, retry, list and read builds on a Slipway server, and print or follow their logs.",
        subcommands = {StartBuildCommand.class, StopBuildCommand.class, RetryBuildCommand.class, ListBuildsCommand.class, GetBuildCommand.class,
                BuildLogsCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:Done; with --follow or --wait: the build SUCCEEDED.",
                "1:The server refused the request (its error is printed); with --follow or --wait: the build FAILED.",
                "2:The command line was wrong.",
                "3:The server could not be reached; with --follow or --wait: the build FAULTED.",
                "4:With --follow or --wait: the build TIMED_OUT.",
                "130:With --follow or --wait: the build was STOPPED."})
public final class BuildsCommand
        implements Callable<Integer>, ClientGroup
{
    private final Supplier<CliContext> context;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    boolean help;

    @Spec
    CommandSpec spec;

    /** For picocli: the process's environment and standard streams, set up only when a subcommand runs. */
    public BuildsCommand()
    {
        this(CliContext.memoized(CliContext::system));
    }

    BuildsCommand(CliContext context)
    {
        this(() -> context);
        requireNonNull(context, "context is null");
    }

    private BuildsCommand(Supplier<CliContext> context)
    {
        this.context = context;
    }

    @Override
    public CliContext context()
    {
        return context.get();
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
