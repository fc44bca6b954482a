package dev.slipway.api.executor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A language runtime an environment can offer for {@code runtime-versions}, e.g. runtime {@code java}, version
 * {@code corretto17} with aliases {@code 17}, {@code openjdk17}, variable {@code JAVA_HOME} and a {@code bin}
 * directory to put first on {@code PATH}.
 *
 * @since 0.1
 */
public final class Toolchain
{
    private final String runtime;
    private final String version;
    private final List<String> aliases;
    private final Map<String, String> variables;
    private final List<String> pathEntries;

    private Toolchain(Builder builder)
    {
        this.runtime = builder.runtime;
        this.version = builder.version;
        this.aliases = List.copyOf(builder.aliases);
        this.variables = Map.copyOf(builder.variables);
        this.pathEntries = List.copyOf(builder.pathEntries);
    }

    /**
     * @param runtime the runtime's name as buildspecs write it: {@code java}, {@code python}, {@code nodejs}, …
     * @param version the version as buildspecs write it: {@code corretto17}, {@code 3.11}, {@code 20}
     * @since 0.1
     */
    public static Builder builder(String runtime, String version)
    {
        return new Builder(runtime, version);
    }

    /** @since 0.1 */
    public String runtime()
    {
        return runtime;
    }

    /** @since 0.1 */
    public String version()
    {
        return version;
    }

    /** @return other names of the same version ({@code 17}, {@code openjdk17}, {@code 17.0.15}) @since 0.1 */
    public List<String> aliases()
    {
        return aliases;
    }

    /** @return variables to set when this toolchain is chosen, e.g. {@code JAVA_HOME} @since 0.1 */
    public Map<String, String> variables()
    {
        return variables;
    }

    /** @return directories (in the environment) to put in front of {@code PATH}, first one first @since 0.1 */
    public List<String> pathEntries()
    {
        return pathEntries;
    }

    @Override
    public String toString()
    {
        return runtime + ":" + version;
    }

    /**
     * Builds a {@link Toolchain}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private final String runtime;
        private final String version;
        private final List<String> aliases = new ArrayList<>();
        private final Map<String, String> variables = new LinkedHashMap<>();
        private final List<String> pathEntries = new ArrayList<>();

        private Builder(String runtime, String version)
        {
            this.runtime = Objects.requireNonNull(runtime, "runtime is null");
            this.version = Objects.requireNonNull(version, "version is null");
        }

        /** @since 0.1 */
        public Builder alias(String alias)
        {
            aliases.add(Objects.requireNonNull(alias, "alias is null"));
            return this;
        }

        /** @since 0.1 */
        public Builder variable(String name, String value)
        {
            variables.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /** @since 0.1 */
        public Builder pathEntry(String directory)
        {
            pathEntries.add(Objects.requireNonNull(directory, "directory is null"));
            return this;
        }

        /** @since 0.1 */
        public Toolchain build()
        {
            return new Toolchain(this);
        }
    }
}
