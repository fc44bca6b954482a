package dev.slipway.api.executor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a shell: which shell, where, with which variables and as which user. Built by the engine.
 *
 * @since 0.1
 */
public final class ShellOptions
{
    private final String shell;
    private final String workingDirectory;
    private final Map<String, String> environment;
    private final String runAs;

    private ShellOptions(Builder builder)
    {
        this.shell = builder.shell;
        this.workingDirectory = Objects.requireNonNull(builder.workingDirectory, "workingDirectory is null");
        this.environment = Map.copyOf(builder.environment);
        this.runAs = builder.runAs;
    }

    /** @since 0.1 */
    public static Builder builder(String workingDirectory)
    {
        return new Builder(workingDirectory);
    }

    /**
     * The shell to use as the buildspec names it ({@code bash}, {@code /bin/sh}, {@code sh}); empty for the
     * environment's default, which is {@code bash} if the environment has it and {@code /bin/sh} otherwise.
     *
     * @since 0.1
     */
    public Optional<String> shell()
    {
        return Optional.ofNullable(shell);
    }

    /** @return the directory, inside the environment, the shell starts in @since 0.1 */
    public String workingDirectory()
    {
        return workingDirectory;
    }

    /**
     * Variables to set in the shell, on top of {@link BuildEnvironment#baseEnvironment()}; values are literal text.
     *
     * @since 0.1
     */
    public Map<String, String> environment()
    {
        return environment;
    }

    /**
     * The user to run as ({@code run-as} in the buildspec). Executors that cannot switch users fail
     * {@link BuildEnvironment#openShell} with a message that says so.
     *
     * @since 0.1
     */
    public Optional<String> runAs()
    {
        return Optional.ofNullable(runAs);
    }

    /** @return a builder with these options as its starting point @since 0.1 */
    public Builder toBuilder()
    {
        Builder builder = new Builder(workingDirectory);
        builder.shell = shell;
        builder.environment.putAll(environment);
        builder.runAs = runAs;
        return builder;
    }

    @Override
    public String toString()
    {
        return "ShellOptions{shell=" + shell + ", workingDirectory=" + workingDirectory + ", variables=" + environment.keySet() + ", runAs=" + runAs + "}";
    }

    /**
     * Builds {@link ShellOptions}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private String shell;
        private final String workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String runAs;

        private Builder(String workingDirectory)
        {
            this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory is null");
        }

        /** @since 0.1 */
        public Builder shell(String shell)
        {
            this.shell = shell;
            return this;
        }

        /** @since 0.1 */
        public Builder environment(Map<String, String> variables)
        {
            variables.forEach(this::variable);
            return this;
        }

        /** @since 0.1 */
        public Builder variable(String name, String value)
        {
            environment.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /** @since 0.1 */
        public Builder runAs(String user)
        {
            this.runAs = user;
            return this;
        }

        /** @since 0.1 */
        public ShellOptions build()
        {
            return new ShellOptions(this);
        }
    }
}
