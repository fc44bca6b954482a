package dev.slipway.server.build.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.slipway.server.buildspec.Buildspec;
import dev.slipway.server.buildspec.Buildspec.PhaseName;
import dev.slipway.server.buildspec.ParseResult;

/** Builds buildspec models for tests, as the parser would produce them. */
final class Specs
{
    private String version = "0.2";
    private Optional<String> runAs = Optional.empty();
    private Optional<String> shell = Optional.empty();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> exported = new ArrayList<>();
    private final Map<PhaseName, Buildspec.Phase> phases = new EnumMap<>(PhaseName.class);
    private final Map<String, Buildspec.ReportGroup> reports = new LinkedHashMap<>();
    private Optional<Buildspec.Artifacts> artifacts = Optional.empty();
    private Optional<Buildspec.Cache> cache = Optional.empty();
    private Optional<Buildspec.Batch> batch = Optional.empty();

    static Specs buildspec()
    {
        return new Specs();
    }

    Specs version(String version)
    {
        this.version = version;
        return this;
    }

    Specs runAs(String user)
    {
        this.runAs = Optional.of(user);
        return this;
    }

    Specs shell(String shell)
    {
        this.shell = Optional.of(shell);
        return this;
    }

    Specs variable(String name, String value)
    {
        variables.put(name, value);
        return this;
    }

    Specs parameter(String name, String parameter)
    {
        parameters.put(name, parameter);
        return this;
    }

    Specs secret(String name, String reference)
    {
        secrets.put(name, reference);
        return this;
    }

    Specs exported(String... names)
    {
        exported.addAll(List.of(names));
        return this;
    }

    Specs phase(PhaseName name, String... commands)
    {
        return phase(name, phase(commands));
    }

    Specs phase(PhaseName name, Buildspec.Phase phase)
    {
        phases.put(name, phase);
        return this;
    }

    Specs report(String group, String format, String... files)
    {
        reports.put(group, new Buildspec.ReportGroup(group, List.of(files), Optional.empty(), false, format));
        return this;
    }

    Specs artifacts(Buildspec.Artifacts artifacts)
    {
        this.artifacts = Optional.of(artifacts);
        return this;
    }

    Specs cache(Buildspec.Cache cache)
    {
        this.cache = Optional.of(cache);
        return this;
    }

    Specs batch(Buildspec.Batch batch)
    {
        this.batch = Optional.of(batch);
        return this;
    }

    Buildspec build()
    {
        Buildspec.Env env = new Buildspec.Env(shell, variables, parameters, secrets, exported, false);
        return new Buildspec(version, runAs, env, Buildspec.Proxy.NONE, phases, reports, artifacts, cache, batch);
    }

    /** @return a parser that answers this buildspec for any text */
    BuildspecParsing parser()
    {
        Buildspec built = build();
        return text -> new ParseResult(Optional.of(built), List.of());
    }

    static Buildspec.Phase phase(String... commands)
    {
        return new PhaseBuilder().commands(commands).build();
    }

    static PhaseBuilder phaseWith()
    {
        return new PhaseBuilder();
    }

    static Buildspec.Artifacts artifactFiles(String... files)
    {
        return new Buildspec.Artifacts(List.of(files), Optional.empty(), false, Optional.empty(), List.of(), false, Optional.empty(), Map.of());
    }

    static Buildspec.OnFailure retry(int count, String regex)
    {
        return new Buildspec.OnFailure(Buildspec.OnFailure.Mode.RETRY, count, Pattern.compile(regex));
    }

    static Buildspec.OnFailure onFailure(Buildspec.OnFailure.Mode mode)
    {
        return new Buildspec.OnFailure(mode, Buildspec.OnFailure.DEFAULT_RETRY_COUNT, Pattern.compile(".*"));
    }

    static final class PhaseBuilder
    {
        private Optional<String> runAs = Optional.empty();
        private Optional<Buildspec.OnFailure> onFailure = Optional.empty();
        private final Map<String, String> runtimes = new LinkedHashMap<>();
        private final List<Buildspec.Command> commands = new ArrayList<>();
        private final List<Buildspec.Command> finallyCommands = new ArrayList<>();

        PhaseBuilder runAs(String user)
        {
            this.runAs = Optional.of(user);
            return this;
        }

        PhaseBuilder onFailure(Buildspec.OnFailure onFailure)
        {
            this.onFailure = Optional.of(onFailure);
            return this;
        }

        PhaseBuilder runtime(String runtime, String version)
        {
            runtimes.put(runtime, version);
            return this;
        }

        PhaseBuilder commands(String... texts)
        {
            for (String text : texts) {
                commands.add(new Buildspec.Command(text, commands.size() + 1));
            }
            return this;
        }

        PhaseBuilder finallyCommands(String... texts)
        {
            for (String text : texts) {
                finallyCommands.add(new Buildspec.Command(text, finallyCommands.size() + 1));
            }
            return this;
        }

        Buildspec.Phase build()
        {
            return new Buildspec.Phase(runAs, onFailure, runtimes, commands, finallyCommands);
        }
    }
}
