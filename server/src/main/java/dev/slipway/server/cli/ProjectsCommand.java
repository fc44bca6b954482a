package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway projects create|get|list|update|delete}: build projects on a server, over its REST API. */
@Command(name = "projects",
        description = "Create, read, list, update and delete build projects on a Slipway server.",
        subcommands = {CreateProjectCommand.class, GetProjectCommand.class, ListProjectsCommand.class, UpdateProjectCommand.class,
                DeleteProjectCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:Done.",
                "1:The server refused the request (its error is printed), or a file could not be read.",
                "2:The command line was wrong.",
                "3:The server could not be reached."})
public final class ProjectsCommand
        implements Callable<Integer>, ClientGroup
{
    private final Supplier<CliContext> context;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    boolean help;

    @Spec
    CommandSpec spec;

    /** For picocli: the process's environment and standard streams, set up only when a subcommand runs. */
    public ProjectsCommand()
    {
        this(CliContext.memoized(CliContext::system));
    }

    ProjectsCommand(CliContext context)
    {
        this(() -> context);
        requireNonNull(context, "context is null");
    }

    private ProjectsCommand(Supplier<CliContext> context)
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
