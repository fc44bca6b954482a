package dev.slipway.server.buildspec;

import dev.slipway.server.buildspec.BuildspecProblem.Severity;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one parse. Not thread-safe: one instance per {@link BuildspecParser#parse} call.
 */
final class Problems
{
    private final List<BuildspecProblem> problems = new ArrayList<>();

    void error(String path, Node at, String message)
    {
        add(Severity.ERROR, path, at, message);
    }

    void warning(String path, Node at, String message)
    {
        add(Severity.WARNING, path, at, message);
    }

    void error(String path, int line, int column, String message)
    {
        problems.add(new BuildspecProblem(Severity.ERROR, path, line, column, message));
    }

    int errorCount()
    {
        return (int) problems.stream().filter(BuildspecProblem::isError).count();
    }

    boolean hasErrors()
    {
        return problems.stream().anyMatch(BuildspecProblem::isError);
    }

    /** @return the problems in source order (stable for problems at the same place) */
    List<BuildspecProblem> inSourceOrder()
    {
        List<BuildspecProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(BuildspecProblem::line).thenComparingInt(BuildspecProblem::column));
        return sorted;
    }

    private void add(Severity severity, String path, Node at, String message)
    {
        Mark mark = at == null ? null : at.getStartMark();
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        problems.add(new BuildspecProblem(severity, path, line, column, message));
    }
}
