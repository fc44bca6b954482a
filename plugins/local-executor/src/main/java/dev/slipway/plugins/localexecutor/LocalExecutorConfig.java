package dev.slipway.plugins.localexecutor;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;

import static java.util.Objects.requireNonNull;

/**
 * The configuration of a local executor: its schema, its checks, and the values bound from it.
 *
 * @param slots how many builds may run at once
 * @param passEnvironment the names of the server's environment variables that builds start with
 * @param toolchains the configured toolchains, in configuration order
 * @param detectToolchains whether to look for installed toolchains as well
 */
record LocalExecutorConfig(int slots, List<String> passEnvironment, List<ToolchainEntry> toolchains, boolean detectToolchains)
{
    static final String SLOTS = "slots";
    static final String PASS_ENVIRONMENT = "pass-environment";
    static final String TOOLCHAINS = "toolchains";
    static final String DETECT_TOOLCHAINS = "detect-toolchains";

    static final List<String> DEFAULT_PASS_ENVIRONMENT = List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TERM");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    LocalExecutorConfig
    {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        passEnvironment = List.copyOf(passEnvironment);
        toolchains = List.copyOf(toolchains);
    }

    static ConfigSchema schema()
    {
        return ConfigSchema.builder()
                .integer(SLOTS).label("Build slots")
                .description("How many builds this executor runs at the same time. Defaults to the number of processor cores.")
                .defaultValue(Runtime.getRuntime().availableProcessors()).range(1, 4096).add()
                .stringList(PASS_ENVIRONMENT).label("Server variables passed to builds")
                .description("Names of the server's environment variables that every build starts with. Nothing else of the "
                        + "server's environment reaches a build, so that the server's own secrets stay out of build logs.")
                .defaultValue(DEFAULT_PASS_ENVIRONMENT).add()
                .stringList(TOOLCHAINS).label("Installed toolchains")
                .description("Toolchains offered to 'runtime-versions', one 'runtime:version=/path/to/home' entry each, e.g. "
                        + "'java:corretto17=/usr/lib/jvm/java-17-openjdk-amd64'. They take precedence over detected ones.")
                .add()
                .bool(DETECT_TOOLCHAINS).label("Detect toolchains")
                .description("Also offer the JDKs, Python, Node.js, Ruby, Go, PHP and .NET installations found on this machine "
                        + "(under /usr/lib/jvm, pyenv, nvm, /usr/bin, …). Detection runs once per executor instance.")
                .defaultValue(true).add()
                .build();
    }

    /** Checks the values the schema cannot: the toolchain entries and the variable names. Never throws. */
    static ValidationResult validate(ConfigValues config)
    {
        ValidationResult.Builder issues = ValidationResult.builder();
        List<String> names = config.getStringList(PASS_ENVIRONMENT);
        for (int i = 0; i < names.size(); i++) {
            if (!VARIABLE_NAME.matcher(names.get(i)).matches()) {
                issues.error(PASS_ENVIRONMENT + "[" + i + "]", "'" + names.get(i) + "' is not an environment variable name; use letters, digits and '_'");
            }
        }
        List<String> entries = config.getStringList(TOOLCHAINS);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = TOOLCHAINS + "[" + i + "]";
            try {
                ToolchainEntry entry = ToolchainEntry.parse(entries.get(i));
                if (!seen.add(entry.runtime() + ":" + entry.version())) {
                    issues.error(path, "'" + entry.runtime() + ":" + entry.version() + "' is configured twice");
                }
                if (!Files.isDirectory(entry.home())) {
                    issues.warning(path, "'" + entry.home() + "' is not a directory on this machine; builds that choose "
                            + entry.runtime() + " " + entry.version() + " will not find it");
                }
            }
            catch (IllegalArgumentException e) {
                issues.error(path, e.getMessage());
            }
        }
        return issues.build();
    }

    /**
     * @throws IllegalArgumentException if the values do not pass {@link #validate} (the server validates first)
     */
    static LocalExecutorConfig from(ConfigValues config)
    {
        requireNonNull(config, "config is null");
        ValidationResult result = validate(config);
        if (!result.isValid()) {
            throw new IllegalArgumentException("Invalid local executor configuration: " + result.errors());
        }
        return new LocalExecutorConfig(
                config.getInt(SLOTS),
                config.getStringList(PASS_ENVIRONMENT),
                config.getStringList(TOOLCHAINS).stream().map(ToolchainEntry::parse).toList(),
                config.getBoolean(DETECT_TOOLCHAINS));
    }
}
