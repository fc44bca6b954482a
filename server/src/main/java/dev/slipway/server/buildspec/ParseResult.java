package dev.slipway.server.buildspec;

import java.util.List;
import java.util.Optional;

/**
 * What {@link BuildspecParser} found: the model when there is no error, and every problem (errors and warnings)
 * in source order.
 */
public record ParseResult(Optional<Buildspec> buildspec, List<BuildspecProblem> problems)
{
    public ParseResult
    {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors()
    {
        return problems.stream().anyMatch(BuildspecProblem::isError);
    }

    public List<BuildspecProblem> errors()
    {
        return problems.stream().filter(BuildspecProblem::isError).toList();
    }

    public List<BuildspecProblem> warnings()
    {
        return problems.stream().filter(problem -> !problem.isError()).toList();
    }
}
