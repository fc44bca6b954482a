package dev.slipway.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags of {@code projects create} and {@code projects update} for the fields people set most, applied on top of
 * the project from {@code -f FILE} (or, for an update, the stored project). Everything else goes in the file. The
 * server checks every value; these flags only place them.
 */
final class ProjectOptions
{
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The project as YAML or JSON (the API's fields, as 'projects get -o json' prints them); - reads standard input. "
                    + "The flags below change what it says.")
    String file;

    @Option(names = "--description", paramLabel = "TEXT", description = "The description.")
    String description;

    @Option(names = "--source", paramLabel = "TYPE", description = "The source type: none, directory, or a source plugin's id.")
    String sourceType;

    @Option(names = "--source-path", paramLabel = "DIR",
            description = "For a directory source: the absolute path of the directory on the server (sets --source directory unless given).")
    String sourcePath;

    @Option(names = "--source-config", paramLabel = "KEY=VALUE", description = "A setting of the source provider (repeatable).")
    Map<String, String> sourceConfig = new LinkedHashMap<>();

    @Option(names = "--buildspec", paramLabel = "PATH", description = "The buildspec's path in the source (default buildspec.yml).")
    String buildspecPath;

    @Option(names = "--buildspec-file", paramLabel = "FILE", description = "A local buildspec file, stored inline in the project.")
    Path buildspecFile;

    @Option(names = "--executor", paramLabel = "NAME", description = "The executor builds run on (a name from the server's executors:).")
    String executor;

    @Option(names = "--image", paramLabel = "IMAGE", description = "The image, for image-based executors.")
    String image;

    @Option(names = "--compute-type", paramLabel = "TYPE", description = "CodeBuild's compute type, such as BUILD_GENERAL1_SMALL.")
    String computeType;

    @Option(names = "--runtime", paramLabel = "RUNTIME:VERSION=PATH",
            description = "A toolchain the project's builds may choose with runtime-versions, e.g. java:corretto17=/usr/lib/jvm/java-17 "
                    + "(repeatable; the given ones replace the project's list).")
    List<String> runtimes = new ArrayList<>();

    @Option(names = "--privileged", paramLabel = "BOOLEAN", arity = "0..1", fallbackValue = "true",
            description = "Whether builds may run privileged (--privileged=false turns it off).")
    Boolean privileged;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "A plain-text environment variable (repeatable; replaces one of that name).")
    Map<String, String> plainVariables = new LinkedHashMap<>();

    @Option(names = "--env-parameter", paramLabel = "NAME=PARAMETER", description = "A variable whose value is a parameter's (repeatable).")
    Map<String, String> parameterVariables = new LinkedHashMap<>();

    @Option(names = "--env-secret", paramLabel = "NAME=SECRET",
            description = "A variable whose value is a secret's: secret-id[:json-key[:version-stage[:version-id]]] (repeatable).")
    Map<String, String> secretVariables = new LinkedHashMap<>();

    @Option(names = "--remove-env", paramLabel = "NAME", description = "Removes the variable of that name (repeatable).")
    List<String> removedVariables = new ArrayList<>();

    @Option(names = "--artifact-store", paramLabel = "STORE", description = "Stores the build's artifacts in this artifact store.")
    String artifactStore;

    @Option(names = "--cache-store", paramLabel = "STORE", description = "Caches the buildspec's cache paths in this store.")
    String cacheStore;

    @Option(names = "--no-cache", description = "No cache.")
    boolean noCache;

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "The build timeout, 5 to 2160 minutes.")
    Integer timeout;

    @Option(names = "--queued-timeout", paramLabel = "MINUTES", description = "How long a build may wait in the queue, 5 to 480 minutes.")
    Integer queuedTimeout;

    @Option(names = "--concurrent-build-limit", paramLabel = "N|none", description = "How many builds may run at once; none for no limit.")
    String concurrentBuildLimit;

    @Option(names = "--badge", paramLabel = "BOOLEAN", arity = "0..1", fallbackValue = "true",
            description = "Whether the build badge is served (--badge=false turns it off).")
    Boolean badge;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** @return whether any flag changes a field */
    boolean changesAnything()
    {
        return description != null || sourceType != null || sourcePath != null || !sourceConfig.isEmpty() || buildspecPath != null
                || buildspecFile != null || executor != null || image != null || computeType != null || privileged != null || !plainVariables.isEmpty()
                || !parameterVariables.isEmpty() || !secretVariables.isEmpty() || !removedVariables.isEmpty() || artifactStore != null
                || cacheStore != null || noCache || timeout != null || queuedTimeout != null || concurrentBuildLimit != null || badge != null;
    }

    /** Sets the fields the flags name in the project. */
    void applyTo(ObjectNode project, CliContext context)
    {
        if (buildspecPath != null && buildspecFile != null) {
            throw usage("--buildspec and --buildspec-file exclude each other: a buildspec is a path in the source or inline");
        }
        if (noCache && cacheStore != null) {
            throw usage("--no-cache and --cache-store exclude each other");
        }
        if (description != null) {
            project.put("description", description);
        }
        applySource(project);
        if (buildspecPath != null) {
            project.putObject("buildspec").put("path", buildspecPath);
        }
        if (buildspecFile != null) {
            project.putObject("buildspec").put("inline", Documents.readText(buildspecFile.toString(), context));
        }
        applyEnvironment(project);
        if (artifactStore != null) {
            object(project, "artifacts").put("store", artifactStore);
        }
        if (noCache) {
            project.putObject("cache").put("type", "NO_CACHE");
        }
        if (cacheStore != null) {
            project.putObject("cache").put("type", "STORE").put("store", cacheStore);
        }
        if (timeout != null) {
            project.put("timeoutInMinutes", timeout);
        }
        if (queuedTimeout != null) {
            project.put("queuedTimeoutInMinutes", queuedTimeout);
        }
        if (concurrentBuildLimit != null) {
            if (concurrentBuildLimit.trim().equalsIgnoreCase("none")) {
                project.putNull("concurrentBuildLimit");
            }
            else {
                try {
                    project.put("concurrentBuildLimit", Integer.parseInt(concurrentBuildLimit.trim()));
                }
                catch (NumberFormatException e) {
                    throw usage("--concurrent-build-limit must be a whole number or none, was '" + concurrentBuildLimit + "'");
                }
            }
        }
        if (badge != null) {
            project.put("badgeEnabled", badge);
        }
    }

    private void applySource(ObjectNode project)
    {
        if (sourceType == null && sourcePath == null && sourceConfig.isEmpty()) {
            return;
        }
        ObjectNode source = object(project, "source");
        String type = sourceType != null ? sourceType : sourcePath != null ? "directory" : source.path("type").asText(null);
        if (type == null) {
            throw usage("--source-config needs a source type: add --source TYPE");
        }
        if (!type.equals(source.path("type").asText(null))) {
            // Another provider's settings mean nothing to this one.
            source.putObject("config");
        }
        source.put("type", type);
        ObjectNode config = object(source, "config");
        sourceConfig.forEach(config::put);
        if (sourcePath != null) {
            config.put("path", sourcePath);
        }
    }

    private void applyEnvironment(ObjectNode project)
    {
        boolean variablesChange = !plainVariables.isEmpty() || !parameterVariables.isEmpty() || !secretVariables.isEmpty() || !removedVariables.isEmpty();
        if (executor == null && image == null && computeType == null && privileged == null && runtimes.isEmpty() && !variablesChange) {
            return;
        }
        ObjectNode environment = object(project, "environment");
        if (executor != null) {
            environment.put("executor", executor);
        }
        if (image != null) {
            environment.put("image", image);
        }
        if (computeType != null) {
            environment.put("computeType", computeType);
        }
        if (privileged != null) {
            environment.put("privilegedMode", privileged);
        }
        if (!runtimes.isEmpty()) {
            ArrayNode entries = environment.putArray("runtimes");
            runtimes.forEach(entries::add);
        }
        if (variablesChange) {
            JsonNode existing = environment.path("variables");
            ArrayNode variables = existing.isArray() ? (ArrayNode) existing : environment.putArray("variables");
            environment.set("variables", variables(variables, plainVariables, parameterVariables, secretVariables, removedVariables));
        }
    }

    /**
     * @return the variables with those removed, and the given ones replacing those of their name (in place) or added
     */
    static ArrayNode variables(ArrayNode variables, Map<String, String> plain, Map<String, String> parameters, Map<String, String> secrets,
            List<String> removed)
    {
        ArrayNode result = variables.deepCopy();
        for (int i = result.size() - 1; i >= 0; i--) {
            if (removed.contains(result.get(i).path("name").asText())) {
                result.remove(i);
            }
        }
        plain.forEach((name, value) -> setVariable(result, name, value, "PLAINTEXT"));
        parameters.forEach((name, value) -> setVariable(result, name, value, "PARAMETER_STORE"));
        secrets.forEach((name, value) -> setVariable(result, name, value, "SECRETS_MANAGER"));
        return result;
    }

    private static void setVariable(ArrayNode variables, String name, String value, String type)
    {
        for (JsonNode variable : variables) {
            if (variable instanceof ObjectNode object && name.equals(object.path("name").asText())) {
                object.put("value", value).put("type", type);
                return;
            }
        }
        variables.addObject().put("name", name).put("value", value).put("type", type);
    }

    /** @return the object field, replacing a null or missing one with an empty object */
    static ObjectNode object(ObjectNode parent, String field)
    {
        JsonNode node = parent.get(field);
        return node instanceof ObjectNode object ? object : parent.putObject(field);
    }

    private ParameterException usage(String message)
    {
        return new ParameterException(mixee.commandLine(), message);
    }
}
