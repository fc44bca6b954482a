package dev.slipway.server.project;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.inject.Inject;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.executor.Toolchain;
import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.buildspec.BuildspecProblem;
import dev.slipway.server.buildspec.ParseResult;
import dev.slipway.server.config.BuildsConfig;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.project.ProjectJson.ArtifactsJson;
import dev.slipway.server.project.ProjectJson.BuildspecJson;
import dev.slipway.server.project.ProjectJson.CacheJson;
import dev.slipway.server.project.ProjectJson.EnvironmentJson;
import dev.slipway.server.project.ProjectJson.SecondaryArtifactJson;
import dev.slipway.server.project.ProjectJson.SourceJson;
import dev.slipway.server.project.ProjectJson.VariableJson;
import dev.slipway.server.source.SourceService;

/**
 * Checks a project from a request and fills in its defaults. Every problem is reported at once, one detail per field
 * path ({@code "timeoutInMinutes: must be between 5 and 2160, was 3"}), in a {@code SlipwayException} with
 * INVALID_ARGUMENT.
 *
 * <p>Thread-safe.
 */
final class ProjectValidator
{
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{1,254}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,128}");
    /** CodeBuild's EC2 compute types; a Slipway executor maps them to its own sizes. */
    private static final int MAX_RUNTIMES = 100;
    static final List<String> COMPUTE_TYPES = List.of("BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE", "BUILD_GENERAL1_XLARGE",
            "BUILD_GENERAL1_2XLARGE");
    private static final List<String> VARIABLE_TYPES = List.of("PLAINTEXT", "PARAMETER_STORE", "SECRETS_MANAGER");
    private static final List<String> PACKAGINGS = List.of("ZIP", "NONE");
    private static final List<String> CACHE_TYPES = List.of("NO_CACHE", "STORE");
    private static final int MAX_DESCRIPTION = 255;
    private static final int MAX_VALUE = 64 * 1024;
    /**
     * Caps per list of variables (a project's, a start request's overrides). A shell reads its whole environment when it
     * starts (bash in time growing with the square of the count: 40,000 variables take 15 s), and the OS refuses to
     * start a program whose environment passes about 2 MB; these limits keep far away from both.
     */
    static final int MAX_VARIABLES = 500;
    static final int MAX_VARIABLES_BYTES = 256 * 1024;

    private final SlipwayConfig config;
    private final BuildsConfig builds;
    private final SourceService sources;
    private final BuildspecParser parser = new BuildspecParser();

    @Inject
    ProjectValidator(SlipwayConfig config, SourceService sources)
    {
        this.config = requireNonNull(config, "config is null");
        this.builds = config.builds();
        this.sources = requireNonNull(sources, "sources is null");
    }

    /**
     * @param input the request body
     * @return the project with every default filled in (metadata as given)
     * @throws SlipwayException INVALID_ARGUMENT with one detail per problem
     */
    ProjectJson normalize(ProjectJson input)
    {
        if (input == null) {
            throw invalid(List.of("(body): a project is required, e.g. {\"name\": \"web\", \"source\": {\"type\": \"none\"}, "
                    + "\"buildspec\": {\"inline\": \"version: 0.2 …\"}}"));
        }
        List<String> problems = new ArrayList<>();
        String name = input.name();
        if (name == null || name.isEmpty()) {
            problems.add("name: is required");
        }
        else if (!NAME.matcher(name).matches()) {
            problems.add("name: must be 2 to 255 letters, digits, '-' and '_', starting with a letter or digit, was '" + name + "'");
        }
        String description = input.description() == null ? "" : input.description();
        if (description.length() > MAX_DESCRIPTION) {
            problems.add("description: must be at most " + MAX_DESCRIPTION + " characters, was " + description.length());
        }
        SourceJson source = source(input.source(), problems);
        BuildspecJson buildspec = buildspec(input.buildspec(), source, problems);
        EnvironmentJson environment = environment(input.environment(), problems);
        ArtifactsJson artifacts = artifacts(input.artifacts(), problems);
        CacheJson cache = cache(input.cache(), problems);
        int timeout = range("timeoutInMinutes", input.timeoutInMinutes(), builds.defaultTimeoutInMinutes(), 5, 2160, problems);
        int queuedTimeout = range("queuedTimeoutInMinutes", input.queuedTimeoutInMinutes(), builds.defaultQueuedTimeoutInMinutes(), 5, 480, problems);
        Integer limit = input.concurrentBuildLimit();
        if (limit != null && (limit < 1 || limit > 10_000)) {
            problems.add("concurrentBuildLimit: must be between 1 and 10000 (or null for no limit), was " + limit);
        }
        if (input.serviceRole() != null && (input.serviceRole().isBlank() || input.serviceRole().length() > 2048)) {
            problems.add("serviceRole: must be null or 1 to 2048 characters");
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new ProjectJson(name, description, source, buildspec, environment, artifacts, cache, timeout, queuedTimeout, limit, input.serviceRole(),
                input.badgeEnabled() != null && input.badgeEnabled(), input.createdAt(), input.updatedAt(), input.version());
    }

    /** @return a 400 for a request whose problems are already known */
    static SlipwayException invalid(List<String> problems)
    {
        String summary = problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems);
        return new SlipwayException(ErrorCode.INVALID_ARGUMENT, "Invalid project: " + summary, problems);
    }

    private SourceJson source(SourceJson source, List<String> problems)
    {
        if (source == null) {
            problems.add("source: is required, e.g. {\"type\": \"directory\", \"config\": {\"path\": \"/srv/web\"}} or {\"type\": \"none\"}");
            return null;
        }
        if (source.type() == null || source.type().isBlank()) {
            problems.add("source.type: is required; available: " + sources.availableTypes());
            return null;
        }
        Map<String, Object> sourceConfig = source.config() == null ? Map.of() : new LinkedHashMap<>(source.config());
        problems.addAll(sources.validate(source.type(), sourceConfig));
        return new SourceJson(source.type(), sourceConfig);
    }

    private BuildspecJson buildspec(BuildspecJson buildspec, SourceJson source, List<String> problems)
    {
        boolean noSource = source != null && source.type().equals(SourceService.NONE);
        if (buildspec == null || buildspec.path() == null && buildspec.inline() == null) {
            if (noSource) {
                problems.add("buildspec.inline: is required when source.type is 'none' (there is no source to read a buildspec file from)");
                return null;
            }
            return new BuildspecJson("buildspec.yml", null);
        }
        if (buildspec.path() != null && buildspec.inline() != null) {
            problems.add("buildspec: give either path or inline, not both");
            return null;
        }
        if (buildspec.path() != null) {
            if (noSource) {
                problems.add("buildspec.path: a project with source.type 'none' has no files; give buildspec.inline instead");
            }
            checkRelativePath(buildspec.path(), problems);
            return buildspec;
        }
        for (String problem : parseProblems(parser.parse(buildspec.inline()), "buildspec.inline")) {
            problems.add(problem);
        }
        return buildspec;
    }

    /** @return the errors of an inline buildspec as field problems with line and column */
    static List<String> parseProblems(ParseResult result, String field)
    {
        List<String> problems = new ArrayList<>();
        for (BuildspecProblem error : result.errors()) {
            problems.add(field + ": line " + error.line() + ", column " + error.column() + ": " + (error.path().isEmpty() ? "" : error.path() + ": ")
                    + error.message());
        }
        if (problems.isEmpty() && result.buildspec().isEmpty()) {
            problems.add(field + ": is not a buildspec");
        }
        return problems;
    }

    private static void checkRelativePath(String path, List<String> problems)
    {
        try {
            Path parsed = Path.of(path);
            if (path.isBlank() || parsed.isAbsolute() || parsed.normalize().startsWith("..") || path.length() > 1024) {
                problems.add("buildspec.path: must be a path inside the source, such as buildspec.yml or ci/buildspec.yml, was '" + path + "'");
            }
        }
        catch (InvalidPathException e) {
            problems.add("buildspec.path: is not a valid path: " + e.getMessage());
        }
    }

    private EnvironmentJson environment(EnvironmentJson environment, List<String> problems)
    {
        EnvironmentJson given = environment == null ? new EnvironmentJson(null, null, null, null, null, null) : environment;
        String executor = given.executor();
        if (executor == null) {
            executor = defaultExecutor();
            if (executor == null) {
                problems.add("environment.executor: is required; configured executors: " + config.executors().keySet());
            }
        }
        else if (!config.executors().containsKey(executor)) {
            problems.add("environment.executor: unknown executor '" + executor + "'; configured executors: " + config.executors().keySet());
        }
        if (given.image() != null && (given.image().isBlank() || given.image().length() > 1000)) {
            problems.add("environment.image: must be null or 1 to 1000 characters");
        }
        String computeType = given.computeType() == null ? "BUILD_GENERAL1_SMALL" : given.computeType();
        if (computeType.startsWith("BUILD_LAMBDA_")) {
            problems.add("environment.computeType: Lambda compute types are not supported by Slipway (its executors run containers or processes, "
                    + "not Lambda functions); use one of " + COMPUTE_TYPES + ", was '" + computeType + "'");
        }
        else if (!COMPUTE_TYPES.contains(computeType)) {
            problems.add("environment.computeType: must be one of " + COMPUTE_TYPES + ", was '" + computeType + "'");
        }
        List<VariableJson> variables = variables("environment.variables", given.variables(), problems);
        List<String> runtimes = new ArrayList<>();
        List<String> runtimesGiven = given.runtimes() == null ? List.of() : given.runtimes();
        if (runtimesGiven.size() > MAX_RUNTIMES) {
            problems.add("environment.runtimes: at most " + MAX_RUNTIMES + " entries, was " + runtimesGiven.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < runtimesGiven.size() && i < MAX_RUNTIMES; i++) {
            try {
                Toolchain toolchain = ProjectRuntimes.parse(runtimesGiven.get(i));
                if (!seen.add(toolchain.runtime() + ":" + toolchain.version())) {
                    problems.add("environment.runtimes[" + i + "]: " + toolchain.runtime() + ":" + toolchain.version() + " is given twice");
                }
                runtimes.add(runtimesGiven.get(i).strip());
            }
            catch (IllegalArgumentException e) {
                problems.add("environment.runtimes[" + i + "]: " + e.getMessage());
            }
        }
        return new EnvironmentJson(executor, given.image(), computeType, given.privilegedMode() != null && given.privilegedMode(), variables, runtimes);
    }

    private String defaultExecutor()
    {
        if (config.executors().size() == 1) {
            return config.executors().keySet().iterator().next();
        }
        return config.executors().containsKey("local") ? "local" : null;
    }

    /** Checks environment variables (of a project or a start request) and fills in their type. */
    static List<VariableJson> variables(String field, List<VariableJson> variables, List<String> problems)
    {
        if (variables == null) {
            return List.of();
        }
        if (variables.size() > MAX_VARIABLES) {
            // One problem, not one per variable: the rest would only repeat it.
            problems.add(field + ": must have at most " + MAX_VARIABLES + " variables, has " + variables.size());
            return List.of();
        }
        long bytes = 0;
        for (VariableJson variable : variables) {
            if (variable != null) {
                bytes += (variable.name() == null ? 0 : variable.name().length()) + (variable.value() == null ? 0 : variable.value().length());
            }
        }
        if (bytes > MAX_VARIABLES_BYTES) {
            problems.add(field + ": names and values must have at most " + MAX_VARIABLES_BYTES + " characters in all, have " + bytes);
        }
        List<VariableJson> checked = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < variables.size(); i++) {
            VariableJson variable = variables.get(i);
            String at = field + "[" + i + "]";
            if (variable == null) {
                problems.add(at + ": must not be null");
                continue;
            }
            if (variable.name() == null || !VARIABLE_NAME.matcher(variable.name()).matches()) {
                problems.add(at + ".name: must be a variable name (letters, digits and '_', not starting with a digit), was "
                        + (variable.name() == null ? "null" : "'" + variable.name() + "'"));
            }
            else if (variable.name().startsWith("CODEBUILD_")) {
                problems.add(at + ".name: names starting with CODEBUILD_ are reserved for the variables Slipway sets, was '" + variable.name() + "'");
            }
            else if (!names.add(variable.name())) {
                problems.add(at + ".name: '" + variable.name() + "' is given more than once");
            }
            if (variable.value() == null) {
                problems.add(at + ".value: is required");
            }
            else if (variable.value().length() > MAX_VALUE) {
                problems.add(at + ".value: must be at most " + MAX_VALUE + " characters, was " + variable.value().length());
            }
            String type = variable.type() == null ? "PLAINTEXT" : variable.type();
            if (!VARIABLE_TYPES.contains(type)) {
                problems.add(at + ".type: must be one of " + VARIABLE_TYPES + ", was '" + type + "'");
            }
            checked.add(new VariableJson(variable.name(), variable.value(), type));
        }
        return checked;
    }

    private ArtifactsJson artifacts(ArtifactsJson artifacts, List<String> problems)
    {
        if (artifacts == null) {
            return null;
        }
        store("artifacts.store", artifacts.store(), problems);
        String packaging = packaging("artifacts.packaging", artifacts.packaging(), problems);
        List<SecondaryArtifactJson> secondary = new ArrayList<>();
        Set<String> identifiers = new HashSet<>();
        List<SecondaryArtifactJson> given = artifacts.secondary() == null ? List.of() : artifacts.secondary();
        for (int i = 0; i < given.size(); i++) {
            SecondaryArtifactJson artifact = given.get(i);
            String at = "artifacts.secondary[" + i + "]";
            if (artifact == null) {
                problems.add(at + ": must not be null");
                continue;
            }
            if (artifact.identifier() == null || !IDENTIFIER.matcher(artifact.identifier()).matches()) {
                problems.add(at + ".identifier: must be 1 to 128 letters, digits and '_', was "
                        + (artifact.identifier() == null ? "null" : "'" + artifact.identifier() + "'"));
            }
            else if (!identifiers.add(artifact.identifier())) {
                problems.add(at + ".identifier: '" + artifact.identifier() + "' is given more than once");
            }
            secondary.add(new SecondaryArtifactJson(artifact.identifier(), packaging(at + ".packaging", artifact.packaging(), problems)));
        }
        return new ArtifactsJson(artifacts.store(), packaging, artifacts.overrideArtifactName() != null && artifacts.overrideArtifactName(), secondary);
    }

    private static String packaging(String field, String packaging, List<String> problems)
    {
        String value = packaging == null ? "ZIP" : packaging;
        if (!PACKAGINGS.contains(value)) {
            problems.add(field + ": must be one of " + PACKAGINGS + ", was '" + value + "'");
        }
        return value;
    }

    private CacheJson cache(CacheJson cache, List<String> problems)
    {
        if (cache == null || cache.type() == null && cache.store() == null) {
            return new CacheJson("NO_CACHE", null);
        }
        String type = cache.type() == null ? "STORE" : cache.type();
        if (!CACHE_TYPES.contains(type)) {
            problems.add("cache.type: must be one of " + CACHE_TYPES + ", was '" + type + "'");
        }
        else if (type.equals("STORE")) {
            store("cache.store", cache.store(), problems);
        }
        else if (cache.store() != null) {
            problems.add("cache.store: must be null when cache.type is NO_CACHE");
        }
        return new CacheJson(type, cache.store());
    }

    private void store(String field, String store, List<String> problems)
    {
        if (store == null) {
            problems.add(field + ": is required; configured artifact stores: " + config.artifactStores().keySet());
        }
        else if (!config.artifactStores().containsKey(store)) {
            problems.add(field + ": unknown artifact store '" + store + "'; configured artifact stores: " + config.artifactStores().keySet());
        }
    }

    private static int range(String field, Integer value, int defaultValue, int minimum, int maximum, List<String> problems)
    {
        if (value == null) {
            return defaultValue;
        }
        if (value < minimum || value > maximum) {
            problems.add(field + ": must be between " + minimum + " and " + maximum + ", was " + value);
        }
        return value;
    }
}
