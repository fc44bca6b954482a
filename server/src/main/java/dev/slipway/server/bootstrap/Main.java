package dev.slipway.server.bootstrap;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import dev.slipway.api.SlipwayException;
import dev.slipway.server.buildspec.BuildspecCommand;
import dev.slipway.server.cli.BuildsCommand;
import dev.slipway.server.cli.ProjectsCommand;
import dev.slipway.server.config.SlipwayVersion;
import dev.slipway.server.run.RunCommand;
import picocli.CommandLine;

/**
 * The {@code slipway} command: {@code slipway server} runs the server; {@code slipway run} runs a buildspec on this
 * machine without a server; {@code slipway buildspec lint FILE…} checks buildspec files; {@code slipway projects …} and
 * {@code slipway builds …} are clients of a server's REST API; {@code slipway --version} prints the version.
 * Features add their subcommands to {@link SlipwayCommand}.
 *
 * <p>Exit codes: 0 success (also after a clean stop on SIGTERM), 1 a failure (one line on stderr: the message, no stack
 * trace unless {@code --debug}), 2 a usage error. {@code slipway run} has one per way a build ends (its help lists
 * them), {@code slipway buildspec lint} one per kind of problem; the client commands exit 3 when the server cannot be
 * reached, and with the build's status when they wait for one.
 */
public final class Main
{
    static final int FAILURE = 1;

    private Main() {}

    public static void main(String[] args)
    {
        // Before the first logger exists: slf4j-simple reads its level once.
        if (Arrays.asList(args).contains("--debug") && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        // Slipway uses no Guice AOP; without bytecode generation Guice does not call sun.misc.Unsafe, which newer JDKs
        // warn about and will remove (stack-notes P20).
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        // Jersey, HK2 and Jetty's servlet layer log through java.util.logging.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    static int run(String... args)
    {
        return commandLine().execute(args);
    }

    static CommandLine commandLine()
    {
        CommandLine commandLine = new CommandLine(new SlipwayCommand());
        commandLine.setExecutionExceptionHandler(Main::failure);
        return commandLine;
    }

    private static int failure(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult)
    {
        Logger log = LoggerFactory.getLogger(Main.class);
        PrintWriter err = commandLine.getErr();
        // One line: the whole story is in the log at debug level, and with --debug on stderr.
        err.println("slipway: " + message(exception).lines().findFirst().orElse(""));
        err.flush();
        boolean debug = parseResult.hasMatchedOption("--debug") || parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--debug"));
        if (debug) {
            exception.printStackTrace(err);
            err.flush();
        }
        else {
            log.debug("Failure", exception);
        }
        return FAILURE;
    }

    /** The message of the {@link SlipwayException} in the chain (that is the one written for people), else the first. */
    static String message(Throwable failure)
    {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof SlipwayException) {
                return current.getMessage();
            }
        }
        String message = failure.getMessage();
        return message == null ? failure.toString() : failure.getClass().getSimpleName() + ": " + message;
    }

    /** The root command; running it without a subcommand prints the usage. */
    @CommandLine.Command(name = "slipway",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "Slipway: a self-hosted CI/CD server that runs CodeBuild buildspecs unchanged.",
            subcommands = {ServerCommand.class, RunCommand.class, BuildspecCommand.class, ProjectsCommand.class, BuildsCommand.class,
                    CommandLine.HelpCommand.class})
    static final class SlipwayCommand
            implements Callable<Integer>
    {
        @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
                description = "Log at debug level and print stack traces of failures.")
        boolean debug;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
    }

    /** {@code slipway --version}. */
    static final class VersionProvider
            implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            SlipwayVersion version = SlipwayVersion.current();
            return List.of("slipway " + version.server(), "plugin API " + version.pluginApi(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")").toArray(String[]::new);
        }
    }
}
