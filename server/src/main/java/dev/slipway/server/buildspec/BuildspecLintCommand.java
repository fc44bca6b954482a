package dev.slipway.server.buildspec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code slipway buildspec lint FILE…}: checks buildspec files without running them and prints each problem as
 * {@code file:line:col: error|warning: path: message} on standard output, in source order, file by file. Files that
 * cannot be read are reported on standard error. Exit status: 0 when no file has an error (warnings allowed), 1 when
 * a file has an error, 2 when a file cannot be read (or the command line is wrong).
 */
@Command(
        name = "lint",
        description = "Checks buildspec files and prints each problem as file:line:col: error|warning: message.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:No file has an error (warnings are allowed).",
                "1:At least one file has an error.",
                "2:A file cannot be read, or the command line is wrong."})
public final class BuildspecLintCommand
        implements Callable<Integer>
{
    static final int OK = 0;
    static final int HAS_ERRORS = 1;
    static final int UNREADABLE = 2;

    private final BuildspecParser parser;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    private boolean help;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The buildspec files to check.")
    private List<Path> files = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    /** For picocli, which creates the command; the parser needs no configuration. */
    public BuildspecLintCommand()
    {
        this(new BuildspecParser());
    }

    BuildspecLintCommand(BuildspecParser parser)
    {
        this.parser = requireNonNull(parser, "parser is null");
    }

    @Override
    public Integer call()
    {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean errors = false;
        boolean unreadable = false;
        for (Path file : files) {
            ParseResult result;
            try {
                result = parser.parse(file);
            }
            catch (IOException e) {
                err.println(file + ": error: cannot read the file: " + reason(e));
                unreadable = true;
                continue;
            }
            for (BuildspecProblem problem : result.problems()) {
                out.println(problem.format(file.toString()));
            }
            errors |= result.hasErrors();
        }
        out.flush();
        err.flush();
        if (unreadable) {
            return UNREADABLE;
        }
        return errors ? HAS_ERRORS : OK;
    }

    private static String reason(IOException e)
    {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
