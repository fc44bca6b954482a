package dev.slipway.server.buildspec;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway buildspec}: commands about buildspec files; {@code slipway buildspec lint FILE…} checks them. */
@Command(name = "buildspec", description = "Commands about buildspec files.", subcommands = BuildspecLintCommand.class)
public final class BuildspecCommand
        implements Callable<Integer>
{
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    /** Without a subcommand: the usage, and the exit status of a wrong command line. */
    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BuildspecLintCommand.UNREADABLE;
    }
}
