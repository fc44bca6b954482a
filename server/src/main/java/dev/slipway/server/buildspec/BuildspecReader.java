package dev.slipway.server.buildspec;

import dev.slipway.server.buildspec.Buildspec.Artifacts;
import dev.slipway.server.buildspec.Buildspec.Batch;
import dev.slipway.server.buildspec.Buildspec.Cache;
import dev.slipway.server.buildspec.Buildspec.CacheAction;
import dev.slipway.server.buildspec.Buildspec.Command;
import dev.slipway.server.buildspec.Buildspec.Env;
import dev.slipway.server.buildspec.Buildspec.OnFailure;
import dev.slipway.server.buildspec.Buildspec.Phase;
import dev.slipway.server.buildspec.Buildspec.PhaseName;
import dev.slipway.server.buildspec.Buildspec.Proxy;
import dev.slipway.server.buildspec.Buildspec.ReportGroup;
import dev.slipway.server.buildspec.NodeReader.Entry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.slipway.server.buildspec.NodeReader.abbreviate;
import static dev.slipway.server.buildspec.NodeReader.isNull;
import static java.util.Objects.requireNonNull;

/**
 * Reads the root mapping of a buildspec into the {@link Buildspec} model, reporting every problem it finds (it goes
 * on after an error, so one run shows all of them). Not thread-safe: one instance per parse.
 */
final class BuildspecReader
{
    static final Set<String> VERSIONS = Set.of("0.1", "0.2");
    static final int MAX_REPORT_GROUPS = 5;
    static final int MAX_FALLBACK_KEYS = 5;
    static final int MAX_RETRY_COUNT = 100;
    /** Test formats, then coverage formats, as CodeBuild names them. */
    static final List<String> REPORT_FORMATS = List.of(
            "CUCUMBERJSON", "JUNITXML", "NUNITXML", "NUNIT3XML", "TESTNGXML", "VISUALSTUDIOTRX",
            "CLOVERXML", "COBERTURAXML", "JACOCOXML", "SIMPLECOV");
    static final List<String> SHELLS = List.of("bash", "/bin/bash", "sh", "/bin/sh", "powershell.exe", "cmd.exe");

    private static final List<String> TOP_KEYS = List.of(
            "version", "run-as", "env", "proxy", "batch", "phases", "reports", "artifacts", "cache");
    private static final List<String> ENV_KEYS = List.of(
            "shell", "variables", "parameter-store", "secrets-manager", "exported-variables", "git-credential-helper");
    private static final List<String> LEGACY_ENV_KEYS = List.of("plaintext");
    private static final List<String> PROXY_KEYS = List.of("upload-artifacts", "logs");
    private static final List<String> PHASE_KEYS = List.of("run-as", "on-failure", "runtime-versions", "commands", "finally");
    private static final List<String> PHASE_NAMES = Stream.of(PhaseName.values()).map(PhaseName::key).toList();
    private static final List<String> REPORT_KEYS = List.of("files", "base-directory", "discard-paths", "file-format");
    private static final List<String> ARTIFACT_KEYS = List.of(
            "files", "name", "discard-paths", "base-directory", "exclude-paths", "enable-symlinks", "s3-prefix",
            "secondary-artifacts");
    private static final List<String> CACHE_KEYS = List.of("paths", "key", "fallback-keys", "action");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern RETRY_COUNT = Pattern.compile("([0-9]+)(?:-(.*))?", Pattern.DOTALL);
    private static final Pattern ANY_OUTPUT = Pattern.compile(".*", Pattern.DOTALL);

    private final Problems problems;
    private final NodeReader nodes;

    BuildspecReader(Problems problems)
    {
        this.problems = requireNonNull(problems, "problems is null");
        this.nodes = new NodeReader(problems);
    }

    Buildspec read(MappingNode root)
    {
        List<Entry> entries = nodes.entries(root, "");
        String version = readVersion(root, entries);

        Optional<String> runAs = Optional.empty();
        Env env = Env.EMPTY;
        Map<String, String> legacyVariables = Map.of();
        Entry legacyEnv = null;
        boolean hasEnv = false;
        Proxy proxy = Proxy.NONE;
        Map<PhaseName, Phase> phases = Map.of();
        boolean hasPhases = false;
        Map<String, ReportGroup> reports = Map.of();
        Optional<Artifacts> artifacts = Optional.empty();
        Optional<Cache> cache = Optional.empty();
        Optional<Batch> batch = Optional.empty();
        boolean hasBatch = false;
        for (Entry entry : entries) {
            switch (entry.key()) {
                case "version" -> {
                    // read first, above
                }
                case "run-as" -> runAs = userName(entry);
                case "env" -> {
                    hasEnv = true;
                    env = readEnv(entry);
                }
                case "environment_variables" -> {
                    legacyEnv = entry;
                    legacyVariables = readLegacyEnv(entry, version);
                }
                case "proxy" -> proxy = readProxy(entry);
                case "phases" -> {
                    hasPhases = true;
                    phases = readPhases(entry);
                }
                case "reports" -> reports = readReports(entry);
                case "artifacts" -> artifacts = readArtifacts(entry, true);
                case "cache" -> cache = readCache(entry);
                case "batch" -> {
                    hasBatch = true;
                    batch = new BatchReader(problems, nodes).read(entry);
                }
                default -> nodes.unknownKey(entry, TOP_KEYS);
            }
        }
        if (!hasPhases && !hasBatch) {
            problems.error("phases", root, "is required: a buildspec needs phases with commands, or a batch section");
        }
        if (legacyEnv != null && hasEnv && !legacyVariables.isEmpty()) {
            problems.warning(legacyEnv.path(), legacyEnv.keyNode(),
                    "both env and environment_variables are set; a variable defined in both takes its value from env.variables");
        }
        if (!legacyVariables.isEmpty()) {
            Map<String, String> variables = new LinkedHashMap<>(legacyVariables);
            variables.putAll(env.variables());
            env = new Env(env.shell(), variables, env.parameterStore(), env.secretsManager(), env.exportedVariables(),
                    env.gitCredentialHelper());
        }
        return new Buildspec(version, runAs, env, proxy, phases, reports, artifacts, cache, batch);
    }

    private String readVersion(MappingNode root, List<Entry> entries)
    {
        Optional<Entry> versionEntry = entries.stream().filter(entry -> entry.key().equals("version")).findFirst();
        if (versionEntry.isEmpty()) {
            problems.error("version", root, "is required; add 'version: 0.2' as the first line");
            return "0.2";
        }
        Optional<String> text = nodes.requiredText(versionEntry.get().value(), "version", "a value: 0.2 (or 0.1 for the legacy format)");
        if (text.isEmpty()) {
            return "0.2";
        }
        String version = text.get().trim();
        if (!VERSIONS.contains(version)) {
            problems.error("version", versionEntry.get().value(),
                    "unsupported version '" + abbreviate(text.get()) + "'; Slipway reads version 0.2 (and the legacy 0.1)");
            return "0.2";
        }
        return version;
    }

    private Optional<String> userName(Entry entry)
    {
        Optional<String> user = nodes.requiredText(entry.value(), entry.path(), "a Linux user name");
        if (user.isPresent() && user.get().isBlank()) {
            problems.error(entry.path(), entry.value(), "needs a Linux user name, but is blank");
            return Optional.empty();
        }
        return user.map(String::trim);
    }

    // ---- env ----------------------------------------------------------------------------------------------------

    private Env readEnv(Entry envEntry)
    {
        Optional<MappingNode> mapping = nodes.mapping(envEntry.value(), envEntry.path());
        if (mapping.isEmpty()) {
            return Env.EMPTY;
        }
        Optional<String> shell = Optional.empty();
        Map<String, String> variables = Map.of();
        Map<String, String> parameterStore = Map.of();
        Map<String, String> secretsManager = Map.of();
        List<String> exportedVariables = List.of();
        boolean gitCredentialHelper = false;
        for (Entry entry : nodes.entries(mapping.get(), envEntry.path())) {
            switch (entry.key()) {
                case "shell" -> shell = readShell(entry);
                case "variables" -> variables = readVariables(entry);
                case "parameter-store" -> parameterStore = readParameterStore(entry);
                case "secrets-manager" -> secretsManager = readSecretsManager(entry);
                case "exported-variables" -> exportedVariables = readExportedVariables(entry);
                case "git-credential-helper" -> gitCredentialHelper = nodes.bool(entry.value(), entry.path()).orElse(false);
                default -> nodes.unknownKey(entry, ENV_KEYS);
            }
        }
        return new Env(shell, variables, parameterStore, secretsManager, exportedVariables, gitCredentialHelper);
    }

    private Map<String, String> readLegacyEnv(Entry legacyEntry, String version)
    {
        if (version.equals("0.2")) {
            problems.warning(legacyEntry.path(), legacyEntry.keyNode(),
                    "is the version 0.1 name; version 0.2 calls it env (and plaintext is env.variables). Slipway reads it anyway");
        }
        Optional<MappingNode> mapping = nodes.mapping(legacyEntry.value(), legacyEntry.path());
        Map<String, String> variables = new LinkedHashMap<>();
        if (mapping.isPresent()) {
            for (Entry entry : nodes.entries(mapping.get(), legacyEntry.path())) {
                if (entry.key().equals("plaintext")) {
                    variables.putAll(readVariables(entry));
                }
                else {
                    nodes.unknownKey(entry, LEGACY_ENV_KEYS);
                }
            }
        }
        return variables;
    }

    private Optional<String> readShell(Entry entry)
    {
        Optional<String> shell = nodes.text(entry.value(), entry.path()).map(String::trim);
        if (shell.isPresent() && !SHELLS.contains(shell.get())) {
            problems.error(entry.path(), entry.value(), "unsupported shell '" + abbreviate(shell.get())
                    + "'; use bash or /bin/sh (Linux), or powershell.exe or cmd.exe (Windows)");
            return Optional.empty();
        }
        return shell;
    }

    /**
     * Values are the scalar's text as written: {@code FOO: 010} is "010" and {@code X: yes} is "yes", the text a
     * YAML 1.1 decoder puts into a string field. A value left empty is the empty string.
     */
    private Map<String, String> readVariables(Entry variablesEntry)
    {
        Map<String, String> variables = new LinkedHashMap<>();
        Optional<MappingNode> mapping = nodes.mapping(variablesEntry.value(), variablesEntry.path());
        if (mapping.isEmpty()) {
            return variables;
        }
        for (Entry entry : nodes.entries(mapping.get(), variablesEntry.path())) {
            checkVariableName(entry);
            if (!(entry.value() instanceof ScalarNode scalar)) {
                problems.error(entry.path(), entry.value(), "a variable's value must be text, but found " + NodeReader.kind(entry.value())
                        + "; quote it if it should be the literal text");
                continue;
            }
            if (isNull(scalar)) {
                problems.warning(entry.path(), entry.keyNode(), "has no value; the variable is set to the empty string");
                variables.put(entry.key(), "");
            }
            else {
                variables.put(entry.key(), scalar.getValue());
            }
        }
        return variables;
    }

    private void checkVariableName(Entry entry)
    {
        if (!VARIABLE_NAME.matcher(entry.key()).matches()) {
            problems.warning(entry.path(), entry.keyNode(), "'" + abbreviate(entry.key())
                    + "' is not a valid shell variable name (letters, digits and _, not starting with a digit); commands cannot read it");
        }
        else if (entry.key().startsWith("CODEBUILD_")) {
            problems.warning(entry.path(), entry.keyNode(), "names starting with CODEBUILD_ are reserved for the variables the build sets itself");
        }
    }

    private Map<String, String> readParameterStore(Entry storeEntry)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        Optional<MappingNode> mapping = nodes.mapping(storeEntry.value(), storeEntry.path());
        if (mapping.isEmpty()) {
            return parameters;
        }
        for (Entry entry : nodes.entries(mapping.get(), storeEntry.path())) {
            checkVariableName(entry);
            nodes.requiredText(entry.value(), entry.path(), "the name of a parameter, e.g. /my-app/db-password")
                    .map(String::trim)
                    .ifPresent(name -> parameters.put(entry.key(), name));
        }
        return parameters;
    }

    /** {@code secret-id[:json-key[:version-stage[:version-id]]]}, where secret-id may be an ARN (which has colons). */
    private Map<String, String> readSecretsManager(Entry secretsEntry)
    {
        Map<String, String> secrets = new LinkedHashMap<>();
        Optional<MappingNode> mapping = nodes.mapping(secretsEntry.value(), secretsEntry.path());
        if (mapping.isEmpty()) {
            return secrets;
        }
        for (Entry entry : nodes.entries(mapping.get(), secretsEntry.path())) {
            checkVariableName(entry);
            Optional<String> reference = nodes.requiredText(entry.value(), entry.path(),
                    "a secret reference: secret-id[:json-key[:version-stage[:version-id]]]").map(String::trim);
            if (reference.isEmpty()) {
                continue;
            }
            secretReferenceProblem(reference.get()).ifPresentOrElse(
                    problem -> problems.error(entry.path(), entry.value(), problem),
                    () -> secrets.put(entry.key(), reference.get()));
        }
        return secrets;
    }

    static Optional<String> secretReferenceProblem(String reference)
    {
        String rest = reference;
        String secretId;
        if (reference.startsWith("arn:")) {
            // arn:partition:secretsmanager:region:account:secret:name — seven parts before the optional fields.
            String[] parts = reference.split(":", -1);
            if (parts.length < 7 || parts[6].isEmpty()) {
                return Optional.of("'" + abbreviate(reference) + "' is not a complete secret ARN (arn:aws:secretsmanager:region:account:secret:name)");
            }
            secretId = String.join(":", List.of(parts).subList(0, 7));
            rest = reference.substring(secretId.length());
            rest = rest.startsWith(":") ? rest.substring(1) : rest;
        }
        else {
            int colon = reference.indexOf(':');
            secretId = colon < 0 ? reference : reference.substring(0, colon);
            rest = colon < 0 ? "" : reference.substring(colon + 1);
        }
        if (secretId.isEmpty()) {
            return Optional.of("the secret reference '" + abbreviate(reference) + "' has no secret id before the first ':'");
        }
        String[] fields = rest.isEmpty() ? new String[0] : rest.split(":", -1);
        if (fields.length > 3) {
            return Optional.of("the secret reference '" + abbreviate(reference)
                    + "' has too many ':' fields; the form is secret-id:json-key:version-stage:version-id");
        }
        if (fields.length == 3 && !fields[1].isEmpty() && !fields[2].isEmpty()) {
            return Optional.of("the secret reference '" + abbreviate(reference)
                    + "' sets both a version stage and a version id; give one of them and leave the other empty");
        }
        return Optional.empty();
    }

    private List<String> readExportedVariables(Entry entry)
    {
        List<String> exported = new ArrayList<>();
        List<ScalarNode> items = nodes.textItems(entry.value(), entry.path(), false);
        for (int index = 0; index < items.size(); index++) {
            ScalarNode item = items.get(index);
            String name = item.getValue().trim();
            if (name.startsWith("AWS_")) {
                problems.error(NodeReader.item(entry.path(), index), item,
                        "variables whose names start with AWS_ cannot be exported; copy the value to another name and export that");
            }
            else if (!VARIABLE_NAME.matcher(name).matches()) {
                problems.error(NodeReader.item(entry.path(), index), item,
                        "'" + abbreviate(name) + "' is not a variable name (letters, digits and _, not starting with a digit)");
            }
            else {
                exported.add(name);
            }
        }
        return exported;
    }

    private Proxy readProxy(Entry proxyEntry)
    {
        Optional<MappingNode> mapping = nodes.mapping(proxyEntry.value(), proxyEntry.path());
        if (mapping.isEmpty()) {
            return Proxy.NONE;
        }
        boolean uploadArtifacts = false;
        boolean logs = false;
        for (Entry entry : nodes.entries(mapping.get(), proxyEntry.path())) {
            switch (entry.key()) {
                case "upload-artifacts" -> uploadArtifacts = nodes.bool(entry.value(), entry.path()).orElse(false);
                case "logs" -> logs = nodes.bool(entry.value(), entry.path()).orElse(false);
                default -> nodes.unknownKey(entry, PROXY_KEYS);
            }
        }
        return new Proxy(uploadArtifacts, logs);
    }

    // ---- phases -------------------------------------------------------------------------------------------------

    private Map<PhaseName, Phase> readPhases(Entry phasesEntry)
    {
        Map<PhaseName, Phase> phases = new EnumMap<>(PhaseName.class);
        Optional<MappingNode> mapping = nodes.mapping(phasesEntry.value(), phasesEntry.path());
        if (mapping.isEmpty()) {
            if (isNull(phasesEntry.value())) {
                problems.warning(phasesEntry.path(), phasesEntry.keyNode(), "is empty; the build runs no commands");
            }
            return phases;
        }
        for (Entry entry : nodes.entries(mapping.get(), phasesEntry.path())) {
            Optional<PhaseName> name = PhaseName.fromKey(entry.key());
            if (name.isEmpty()) {
                problems.error(entry.path(), entry.keyNode(), "unknown phase '" + abbreviate(entry.key())
                        + "'; the phases are install, pre_build, build and post_build" + KeySuggestions.didYouMean(entry.key(), PHASE_NAMES));
                continue;
            }
            if (isNull(entry.value())) {
                problems.warning(entry.path(), entry.keyNode(), "is empty; the phase runs nothing");
                continue;
            }
            readPhase(entry, name.get()).ifPresent(phase -> phases.put(name.get(), phase));
        }
        return phases;
    }

    private Optional<Phase> readPhase(Entry phaseEntry, PhaseName name)
    {
        Optional<MappingNode> mapping = nodes.mapping(phaseEntry.value(), phaseEntry.path());
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        int errorsBefore = problems.errorCount();
        Optional<String> runAs = Optional.empty();
        Optional<OnFailure> onFailure = Optional.empty();
        Map<String, String> runtimeVersions = Map.of();
        List<Command> commands = List.of();
        List<Command> finallyCommands = List.of();
        for (Entry entry : nodes.entries(mapping.get(), phaseEntry.path())) {
            switch (entry.key()) {
                case "run-as" -> runAs = userName(entry);
                case "on-failure" -> onFailure = nodes.requiredText(entry.value(), entry.path(), "ABORT, CONTINUE or RETRY")
                        .flatMap(text -> parseOnFailure(text, entry));
                case "runtime-versions" -> {
                    if (name == PhaseName.INSTALL) {
                        runtimeVersions = readRuntimeVersions(entry);
                    }
                    else {
                        problems.warning(entry.path(), entry.keyNode(), "is read only in the install phase; here it is ignored");
                    }
                }
                case "commands" -> commands = commands(entry);
                case "finally" -> finallyCommands = commands(entry);
                default -> nodes.unknownKey(entry, PHASE_KEYS);
            }
        }
        // After an error in the phase its commands may look empty only because they were wrong; the error says enough.
        boolean empty = commands.isEmpty() && finallyCommands.isEmpty() && (name != PhaseName.INSTALL || runtimeVersions.isEmpty());
        if (empty && problems.errorCount() == errorsBefore) {
            problems.warning(phaseEntry.path(), phaseEntry.keyNode(), name == PhaseName.INSTALL
                    ? "has neither commands nor runtime-versions"
                    : "has no commands");
        }
        return Optional.of(new Phase(runAs, onFailure, runtimeVersions, commands, finallyCommands));
    }

    private List<Command> commands(Entry entry)
    {
        return nodes.textItems(entry.value(), entry.path(), true).stream()
                .map(item -> new Command(item.getValue(), item.getStartMark().getLine() + 1))
                .toList();
    }

    private Map<String, String> readRuntimeVersions(Entry runtimesEntry)
    {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Map.Entry<String, ScalarNode> runtime : nodes.scalarValues(runtimesEntry.value(), runtimesEntry.path()).entrySet()) {
            String path = NodeReader.child(runtimesEntry.path(), runtime.getKey());
            if (isNull(runtime.getValue()) || runtime.getValue().getValue().isBlank()) {
                problems.error(path, runtime.getValue(), "needs a version, e.g. " + runtime.getKey() + ": latest");
                continue;
            }
            versions.put(runtime.getKey(), runtime.getValue().getValue().trim());
        }
        return versions;
    }

    /**
     * {@code ABORT}, {@code CONTINUE}, {@code RETRY}, {@code RETRY-<count>} (0–100), {@code RETRY-<regex>} and
     * {@code RETRY-<count>-<regex>}. The keywords are read in any case; the regex keeps its case. A {@code RETRY-}
     * followed by digits only is a count, never a regex.
     */
    private Optional<OnFailure> parseOnFailure(String text, Entry entry)
    {
        String value = text.trim();
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("ABORT")) {
            return Optional.of(new OnFailure(OnFailure.Mode.ABORT, 0, ANY_OUTPUT));
        }
        if (upper.equals("CONTINUE")) {
            return Optional.of(new OnFailure(OnFailure.Mode.CONTINUE, 0, ANY_OUTPUT));
        }
        if (upper.equals("RETRY")) {
            return Optional.of(new OnFailure(OnFailure.Mode.RETRY, OnFailure.DEFAULT_RETRY_COUNT, ANY_OUTPUT));
        }
        if (!upper.startsWith("RETRY-")) {
            problems.error(entry.path(), entry.value(), "expected ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or "
                    + "RETRY-<count>-<regex>, but found '" + abbreviate(value) + "'");
            return Optional.empty();
        }
        String rest = value.substring("RETRY-".length());
        int count = OnFailure.DEFAULT_RETRY_COUNT;
        String regex = rest;
        Matcher counted = RETRY_COUNT.matcher(rest);
        if (counted.matches()) {
            String digits = counted.group(1);
            if (digits.length() > 3 || Integer.parseInt(digits) > MAX_RETRY_COUNT) {
                problems.error(entry.path(), entry.value(), "the retry count must be from 0 to " + MAX_RETRY_COUNT + ", but is " + abbreviate(digits));
                return Optional.empty();
            }
            count = Integer.parseInt(digits);
            regex = counted.group(2) == null ? ".*" : counted.group(2);
        }
        if (regex.isEmpty()) {
            problems.error(entry.path(), entry.value(), "'" + abbreviate(value) + "' ends with '-' but gives no regex; "
                    + "write RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>");
            return Optional.empty();
        }
        try {
            return Optional.of(new OnFailure(OnFailure.Mode.RETRY, count, Pattern.compile(regex, Pattern.DOTALL)));
        }
        catch (PatternSyntaxException e) {
            problems.error(entry.path(), entry.value(), "the retry pattern '" + abbreviate(regex) + "' is not a valid regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            return Optional.empty();
        }
    }

    // ---- reports ------------------------------------------------------------------------------------------------

    private Map<String, ReportGroup> readReports(Entry reportsEntry)
    {
        Map<String, ReportGroup> groups = new LinkedHashMap<>();
        Optional<MappingNode> mapping = nodes.mapping(reportsEntry.value(), reportsEntry.path());
        if (mapping.isEmpty()) {
            return groups;
        }
        List<Entry> entries = nodes.entries(mapping.get(), reportsEntry.path());
        if (entries.size() > MAX_REPORT_GROUPS) {
            Entry extra = entries.get(MAX_REPORT_GROUPS);
            problems.error(extra.path(), extra.keyNode(), "a buildspec can have at most " + MAX_REPORT_GROUPS
                    + " report groups, but this one has " + entries.size());
        }
        for (Entry entry : entries) {
            readReportGroup(entry).ifPresent(group -> groups.put(group.name(), group));
        }
        return groups;
    }

    private Optional<ReportGroup> readReportGroup(Entry groupEntry)
    {
        if (groupEntry.key().isBlank()) {
            problems.error(groupEntry.path(), groupEntry.keyNode(), "a report group needs a name or an ARN");
            return Optional.empty();
        }
        Optional<MappingNode> mapping = nodes.mapping(groupEntry.value(), groupEntry.path());
        if (mapping.isEmpty()) {
            if (isNull(groupEntry.value())) {
                problems.error(groupEntry.path(), groupEntry.keyNode(), "is empty, but a report group needs files");
            }
            return Optional.empty();
        }
        List<String> files = null;
        Optional<String> baseDirectory = Optional.empty();
        boolean discardPaths = false;
        String fileFormat = "JUNITXML";
        boolean knownFormat = true;
        for (Entry entry : nodes.entries(mapping.get(), groupEntry.path())) {
            switch (entry.key()) {
                case "files" -> files = nodes.textList(entry.value(), entry.path());
                case "base-directory" -> baseDirectory = nodes.text(entry.value(), entry.path());
                case "discard-paths" -> discardPaths = nodes.bool(entry.value(), entry.path()).orElse(false);
                case "file-format" -> {
                    Optional<String> format = nodes.text(entry.value(), entry.path()).flatMap(text -> reportFormat(text, entry));
                    knownFormat = format.isPresent() || isNull(entry.value());
                    fileFormat = format.orElse(fileFormat);
                }
                default -> nodes.unknownKey(entry, REPORT_KEYS);
            }
        }
        if (files == null || files.isEmpty()) {
            problems.error(NodeReader.child(groupEntry.path(), "files"), groupEntry.keyNode(),
                    "is required: the report files to read, e.g. '**/TEST-*.xml'");
            return Optional.empty();
        }
        if (!knownFormat) {
            return Optional.empty();
        }
        return Optional.of(new ReportGroup(groupEntry.key(), files, baseDirectory, discardPaths, fileFormat));
    }

    /**
     * An unknown format is a warning and its group is left out of the model: the build itself can run, and in
     * CodeBuild a report that cannot be read does not change the build's outcome. Real buildspecs carry such groups
     * ({@code file-format: JSON} for a security scanner's output).
     */
    private Optional<String> reportFormat(String format, Entry entry)
    {
        String upper = format.trim().toUpperCase(Locale.ROOT);
        if (REPORT_FORMATS.contains(upper)) {
            return Optional.of(upper);
        }
        String suggestion = REPORT_FORMATS.stream()
                .filter(known -> !upper.isEmpty() && known.startsWith(upper))
                .findFirst()
                .map(known -> "; did you mean '" + known + "'?")
                .orElse(KeySuggestions.didYouMean(upper, REPORT_FORMATS));
        problems.warning(entry.path(), entry.value(), "unknown report format '" + abbreviate(format) + "', so this report group is "
                + "not read; the formats are " + String.join(", ", REPORT_FORMATS) + suggestion);
        return Optional.empty();
    }

    // ---- artifacts ----------------------------------------------------------------------------------------------

    private Optional<Artifacts> readArtifacts(Entry artifactsEntry, boolean primary)
    {
        Optional<MappingNode> mapping = nodes.mapping(artifactsEntry.value(), artifactsEntry.path());
        if (mapping.isEmpty()) {
            if (isNull(artifactsEntry.value())) {
                if (primary) {
                    problems.warning(artifactsEntry.path(), artifactsEntry.keyNode(), "is empty; no artifacts are uploaded");
                }
                else {
                    problems.error(artifactsEntry.path(), artifactsEntry.keyNode(), "is empty, but a secondary artifact needs files");
                }
            }
            return Optional.empty();
        }
        List<String> files = null;
        Optional<String> name = Optional.empty();
        boolean discardPaths = false;
        Optional<String> baseDirectory = Optional.empty();
        List<String> excludePaths = List.of();
        boolean enableSymlinks = false;
        Optional<String> s3Prefix = Optional.empty();
        Map<String, Artifacts> secondaryArtifacts = new LinkedHashMap<>();
        for (Entry entry : nodes.entries(mapping.get(), artifactsEntry.path())) {
            switch (entry.key()) {
                case "files" -> files = nodes.textList(entry.value(), entry.path());
                case "name" -> name = nodes.text(entry.value(), entry.path());
                case "discard-paths" -> discardPaths = nodes.bool(entry.value(), entry.path()).orElse(false);
                case "base-directory" -> baseDirectory = nodes.text(entry.value(), entry.path());
                case "exclude-paths" -> excludePaths = nodes.textList(entry.value(), entry.path());
                case "enable-symlinks" -> enableSymlinks = nodes.bool(entry.value(), entry.path()).orElse(false);
                case "s3-prefix" -> s3Prefix = nodes.text(entry.value(), entry.path());
                case "secondary-artifacts" -> {
                    if (primary) {
                        secondaryArtifacts = readSecondaryArtifacts(entry);
                    }
                    else {
                        problems.warning(entry.path(), entry.keyNode(), "a secondary artifact cannot have secondary-artifacts; ignored");
                    }
                }
                case "type" -> problems.warning(entry.path(), entry.keyNode(),
                        "is deprecated (version 0.1) and ignored; the project's artifact settings decide the packaging");
                default -> nodes.unknownKey(entry, ARTIFACT_KEYS);
            }
        }
        if (files == null) {
            problems.error(NodeReader.child(artifactsEntry.path(), "files"), artifactsEntry.keyNode(), primary
                    ? "is required, even when only secondary-artifacts are used; e.g. files: ['**/*']"
                    : "is required; e.g. files: ['**/*']");
            return Optional.empty();
        }
        return Optional.of(new Artifacts(files, name, discardPaths, baseDirectory, excludePaths, enableSymlinks, s3Prefix,
                secondaryArtifacts));
    }

    private Map<String, Artifacts> readSecondaryArtifacts(Entry secondaryEntry)
    {
        Map<String, Artifacts> artifacts = new LinkedHashMap<>();
        Optional<MappingNode> mapping = nodes.mapping(secondaryEntry.value(), secondaryEntry.path());
        if (mapping.isEmpty()) {
            return artifacts;
        }
        for (Entry entry : nodes.entries(mapping.get(), secondaryEntry.path())) {
            readArtifacts(entry, false).ifPresent(artifact -> artifacts.put(entry.key(), artifact));
        }
        return artifacts;
    }

    // ---- cache --------------------------------------------------------------------------------------------------

    private Optional<Cache> readCache(Entry cacheEntry)
    {
        Optional<MappingNode> mapping = nodes.mapping(cacheEntry.value(), cacheEntry.path());
        if (mapping.isEmpty()) {
            if (isNull(cacheEntry.value())) {
                problems.warning(cacheEntry.path(), cacheEntry.keyNode(), "is empty; nothing is cached");
            }
            return Optional.empty();
        }
        List<String> paths = List.of();
        boolean hasPaths = false;
        Optional<String> key = Optional.empty();
        List<String> fallbackKeys = List.of();
        Entry fallbackEntry = null;
        Optional<CacheAction> action = Optional.empty();
        for (Entry entry : nodes.entries(mapping.get(), cacheEntry.path())) {
            switch (entry.key()) {
                case "paths" -> {
                    hasPaths = true;
                    paths = nodes.textList(entry.value(), entry.path());
                }
                case "key" -> key = nodes.text(entry.value(), entry.path());
                case "fallback-keys" -> {
                    fallbackEntry = entry;
                    fallbackKeys = readFallbackKeys(entry);
                }
                case "action" -> action = nodes.text(entry.value(), entry.path()).flatMap(text -> cacheAction(text, entry));
                default -> nodes.unknownKey(entry, CACHE_KEYS);
            }
        }
        if (!hasPaths) {
            problems.warning(NodeReader.child(cacheEntry.path(), "paths"), cacheEntry.keyNode(), "is missing, so nothing is cached");
        }
        if (fallbackEntry != null && !fallbackKeys.isEmpty() && key.isEmpty()) {
            problems.warning(fallbackEntry.path(), fallbackEntry.keyNode(), "are used only with a key; without one they are ignored");
        }
        return Optional.of(new Cache(paths, key, fallbackKeys, action));
    }

    private List<String> readFallbackKeys(Entry entry)
    {
        List<ScalarNode> items = nodes.textItems(entry.value(), entry.path(), false);
        if (items.size() > MAX_FALLBACK_KEYS) {
            problems.error(NodeReader.item(entry.path(), MAX_FALLBACK_KEYS), items.get(MAX_FALLBACK_KEYS),
                    "at most " + MAX_FALLBACK_KEYS + " fallback keys are allowed, but there are " + items.size());
        }
        return items.stream().map(ScalarNode::getValue).collect(Collectors.toList());
    }

    private Optional<CacheAction> cacheAction(String text, Entry entry)
    {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "restore" -> Optional.of(CacheAction.RESTORE);
            case "save" -> Optional.of(CacheAction.SAVE);
            default -> {
                problems.error(entry.path(), entry.value(), "expected restore or save (or leave action out to do both), but found '"
                        + abbreviate(text) + "'");
                yield Optional.empty();
            }
        };
    }
}
