package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.Secret;

/**
 * Reads {@code conf/slipway.yml} into a {@link SlipwayConfig}.
 *
 * <p>Precedence, highest first: {@code SLIPWAY_*} environment variables (one per key: {@code server.port} is
 * {@code SLIPWAY_SERVER_PORT}; {@code SLIPWAY_DATA} is a short name for {@code SLIPWAY_DATA_DIRECTORY}), the file,
 * the defaults. A missing default file means defaults; a missing {@code --config} file is an error. A key whose value
 * is empty ({@code port:}) or an empty environment variable counts as not given. Relative paths are resolved against
 * the home directory.
 *
 * <p>Every problem is a {@link SlipwayException} with {@link ErrorCode#INVALID_CONFIG} whose message starts with
 * where the value came from: {@code conf/slipway.yml:3:5: unknown key 'prot' in 'server' (known keys: host, port, …)}
 * or {@code environment variable SLIPWAY_SERVER_PORT: 'server.port' must be a whole number, was 'http'}.
 *
 * <p>Thread-safe; each {@link #load} reads the file again.
 */
public final class ConfigLoader
{
    /** Where the configuration file lives, relative to the home directory. */
    public static final String DEFAULT_FILE = "conf/slipway.yml";
    /** Short name for {@code SLIPWAY_DATA_DIRECTORY}. */
    public static final String DATA_VARIABLE = "SLIPWAY_DATA";

    /**
     * {@code SLIPWAY_*} variables that are not configuration keys but belong to the launcher ({@code bin/slipway}) and
     * the command-line client; every other unknown {@code SLIPWAY_*} variable is probably a misspelt key and is warned
     * about.
     */
    public static final Set<String> NOT_CONFIGURATION = Set.of(
            "SLIPWAY_HOME", DATA_VARIABLE, "SLIPWAY_JAVA_OPTS", "SLIPWAY_CDS", "SLIPWAY_SERVER", "SLIPWAY_TOKEN", "SLIPWAY_OUTPUT");

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final ConfigKey ROOT = ConfigKey.root(SlipwayConfig.class);

    private final Path home;
    private final Map<String, String> environment;
    private final ObjectMapper mapper;

    /**
     * @param home the Slipway home directory ({@code SLIPWAY_HOME}); the default file and relative paths are below it
     * @param environment the process environment (a map, so that tests need not change the real one)
     */
    public ConfigLoader(Path home, Map<String, String> environment)
    {
        this.home = requireNonNull(home, "home is null").toAbsolutePath().normalize();
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.mapper = configMapper(this.home);
    }

    /**
     * @param configFile the file given with {@code --config}; empty for {@code <home>/conf/slipway.yml}
     * @throws SlipwayException INVALID_CONFIG naming the file, line and column (or the variable) of each problem: one
     *         problem is the message, several are listed one per line and in the details
     */
    public SlipwayConfig load(Optional<Path> configFile)
    {
        LocatedYaml.Document document = readFile(configFile);
        ObjectNode tree = document.root();
        List<SlipwayException> problems = new ArrayList<>();
        checkKeys(ROOT, tree, document, problems);
        List<String> overrides = applyEnvironment(tree, document);
        Path dataDirectory = dataDirectory(tree, document);
        applyDefaults(tree, dataDirectory);
        checkValues(tree, document, problems);
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            List<String> messages = problems.stream().map(SlipwayException::getMessage).toList();
            SlipwayException all = new SlipwayException(ErrorCode.INVALID_CONFIG, problems.size() + " problems in the configuration:\n  "
                    + String.join("\n  ", messages), messages);
            problems.forEach(all::addSuppressed);
            throw all;
        }
        try {
            SlipwayConfig config = mapper.treeToValue(tree, SlipwayConfig.class);
            // Only once the configuration holds: a refused one is reported as its problems alone.
            if (!overrides.isEmpty()) {
                log.info("Configuration overridden by environment variables {}", overrides);
            }
            return config;
        }
        catch (JsonMappingException e) {
            throw bindingError(e, tree, document, List.of());
        }
        catch (IOException e) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Invalid configuration: " + e.getMessage(), e);
        }
    }

    private LocatedYaml.Document readFile(Optional<Path> configFile)
    {
        Path file = configFile.map(path -> home.resolve(path).normalize()).orElse(home.resolve(DEFAULT_FILE));
        String shownAs = file.startsWith(home) ? home.relativize(file).toString() : file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            log.debug("Reading configuration from {}", file);
            return LocatedYaml.read(reader, shownAs);
        }
        catch (NoSuchFileException e) {
            if (configFile.isPresent()) {
                throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Configuration file " + file + " does not exist");
            }
            log.debug("No {}; using the defaults", file);
            return LocatedYaml.read(Reader.nullReader(), shownAs);
        }
        catch (IOException e) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Cannot read configuration file " + file + ": " + e, e);
        }
    }

    /**
     * Binds each value, then each section, on its own, so that every wrong value is reported at once rather than only
     * the first one; a section is checked as a whole (its own rules, such as a port range) only when its values bind.
     */
    private void checkValues(ObjectNode tree, LocatedYaml.Document document, List<SlipwayException> problems)
    {
        Set<String> failedSections = new HashSet<>();
        for (ConfigKey key : ROOT.leaves()) {
            JsonNode value = tree.at("/" + key.path().replace(".", "/"));
            if (key.isNamedMapping() || value.isMissingNode()) {
                continue;
            }
            try {
                mapper.readerFor(mapper.constructType(key.type())).readValue(value);
            }
            catch (IOException | RuntimeException e) {
                problems.add(new SlipwayException(ErrorCode.INVALID_CONFIG, origin(document, key.path()) + ": '" + key.path() + "' must be "
                        + key.expectation() + ", was " + describe(value), e));
                failedSections.add(key.path().split("\\.")[0]);
            }
        }
        for (String name : ROOT.childNames()) {
            ConfigKey section = ROOT.child(name).orElseThrow();
            JsonNode value = tree.get(name);
            if (value == null || failedSections.contains(name) || !(section.isSection() || section.isNamedMapping())) {
                continue;
            }
            try {
                mapper.readerFor(mapper.constructType(section.type())).readValue(value);
            }
            catch (JsonMappingException e) {
                problems.add(bindingError(e, tree, document, List.of(name)));
            }
            catch (IOException e) {
                problems.add(new SlipwayException(ErrorCode.INVALID_CONFIG, origin(document, name) + ": invalid '" + name + "': " + e.getMessage(), e));
            }
        }
    }

    /** Records keys the records do not declare, and scalars or lists where a section is expected; drops empty values. */
    private static void checkKeys(ConfigKey section, ObjectNode node, LocatedYaml.Document document, List<SlipwayException> problems)
    {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = section.path().isEmpty() ? field.getKey() : section.path() + "." + field.getKey();
            Optional<ConfigKey> key = section.child(field.getKey());
            if (key.isEmpty()) {
                String where = section.path().isEmpty() ? "" : " in '" + section.path() + "'";
                problems.add(new SlipwayException(ErrorCode.INVALID_CONFIG, document.keyOrigins().get(path) + ": unknown key '" + field.getKey() + "'"
                        + where + " (known keys: " + String.join(", ", section.childNames()) + ")"));
                fields.remove();
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                fields.remove();
            }
            else if (key.get().isSection()) {
                if (!value.isObject()) {
                    problems.add(new SlipwayException(ErrorCode.INVALID_CONFIG, document.valueOrigins().get(path) + ": '" + path + "' must be "
                            + key.get().expectation() + ", was " + describe(value)));
                    fields.remove();
                    continue;
                }
                checkKeys(key.get(), (ObjectNode) value, document, problems);
            }
        }
    }

    /** @return the environment variables that set a key */
    private List<String> applyEnvironment(ObjectNode tree, LocatedYaml.Document document)
    {
        String data = nonEmpty(environment.get(DATA_VARIABLE));
        String dataDirectory = nonEmpty(environment.get("SLIPWAY_DATA_DIRECTORY"));
        if (data != null && dataDirectory != null && !data.equals(dataDirectory)) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "environment variables " + DATA_VARIABLE + " (" + data + ") and SLIPWAY_DATA_DIRECTORY ("
                    + dataDirectory + ") disagree; set only one of them");
        }
        List<String> used = new ArrayList<>();
        for (ConfigKey key : ROOT.leaves()) {
            if (key.isNamedMapping()) {
                continue;
            }
            String variable = key.environmentVariable();
            String value = nonEmpty(environment.get(variable));
            if (value == null && key.path().equals("data-directory") && data != null) {
                variable = DATA_VARIABLE;
                value = data;
            }
            if (value == null) {
                continue;
            }
            used.add(variable);
            set(tree, key.path(), value);
            document.valueOrigins().put(key.path(), ConfigOrigin.environment(variable));
            document.keyOrigins().put(key.path(), ConfigOrigin.environment(variable));
        }
        warnAboutUnknownVariables();
        return used;
    }

    /**
     * A variable such as {@code SLIPWAY_SERVER_PROT} is almost certainly a typo: every {@code SLIPWAY_*} variable that
     * is neither a key nor one of the launcher's and client's ({@link #NOT_CONFIGURATION}) is reported, as a warning.
     */
    private void warnAboutUnknownVariables()
    {
        List<String> known = ROOT.leaves().stream().filter(key -> !key.isNamedMapping()).map(ConfigKey::environmentVariable).toList();
        for (String variable : ignoredVariables()) {
            log.warn("Ignoring environment variable {}: it names no configuration key. Known keys: {}", variable, known);
        }
    }

    /** @return the {@code SLIPWAY_*} variables of the environment that are neither keys nor {@link #NOT_CONFIGURATION}, sorted */
    List<String> ignoredVariables()
    {
        List<String> known = ROOT.leaves().stream().filter(key -> !key.isNamedMapping()).map(ConfigKey::environmentVariable).toList();
        return new TreeMap<>(environment).keySet().stream()
                .filter(variable -> variable.startsWith("SLIPWAY_"))
                .filter(variable -> !known.contains(variable) && !NOT_CONFIGURATION.contains(variable))
                .toList();
    }

    private Path dataDirectory(ObjectNode tree, LocatedYaml.Document document)
    {
        JsonNode node = tree.get("data-directory");
        if (node == null) {
            return home.resolve("data");
        }
        try {
            return mapper.treeToValue(node, Path.class);
        }
        catch (IOException e) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, origin(document, "data-directory") + ": 'data-directory' must be "
                    + ROOT.child("data-directory").orElseThrow().expectation() + ", was " + describe(node), e);
        }
    }

    private void applyDefaults(ObjectNode tree, Path dataDirectory)
    {
        ObjectNode server = section(tree, "server");
        server.putIfAbsent("host", server.textNode("127.0.0.1"));
        server.putIfAbsent("port", server.numberNode(8080));
        server.putIfAbsent("shutdown-grace-period", server.textNode("10s"));
        server.putIfAbsent("max-request-body", server.numberNode(ServerConfig.DEFAULT_MAX_REQUEST_BODY));

        tree.put("data-directory", dataDirectory.toString());

        ObjectNode database = section(tree, "database");
        if (!database.has("url")) {
            // DB_CLOSE_ON_EXIT=FALSE: the server closes the database itself after the last request; H2's own
            // shutdown hook would otherwise close it while requests are still finishing.
            database.put("url", "jdbc:h2:file:" + dataDirectory.resolve("db").resolve("slipway") + ";DB_CLOSE_ON_EXIT=FALSE");
            database.putIfAbsent("user", database.textNode("sa"));
        }
        database.putIfAbsent("pool-size", database.numberNode(8));

        ObjectNode plugins = section(tree, "plugins");
        plugins.putIfAbsent("directory", plugins.textNode(home.resolve("plugins").toString()));
        plugins.putIfAbsent("call-timeout", plugins.textNode("30s"));

        ObjectNode logs = section(tree, "logs");
        logs.putIfAbsent("flush-interval", logs.textNode("20ms"));
        logs.putIfAbsent("heartbeat-interval", logs.textNode("15s"));

        if (!tree.has("executors")) {
            tree.putObject("executors").putObject("local").put("factory", "local");
        }
        namedInstances(tree.get("executors"));
        if (!tree.has("artifact-stores")) {
            tree.putObject("artifact-stores").putObject("default").put("factory", "filesystem");
        }
        namedInstances(tree.get("artifact-stores"));

        ObjectNode builds = section(tree, "builds");
        builds.putIfAbsent("workspace-directory", builds.textNode(dataDirectory.resolve("workspaces").toString()));
        builds.putIfAbsent("shutdown-grace-period", builds.textNode("30s"));
        builds.putIfAbsent("default-timeout-in-minutes", builds.numberNode(60));
        builds.putIfAbsent("default-queued-timeout-in-minutes", builds.numberNode(480));
        builds.putIfAbsent("keep-workspaces", builds.booleanNode(false));
        builds.putIfAbsent("max-running-builds", builds.numberNode(64));

        ObjectNode events = section(tree, "events");
        events.putIfAbsent("heartbeat-interval", events.textNode("15s"));
        events.putIfAbsent("subscriber-buffer", events.numberNode(1000));
    }

    /** An executor or artifact store written without {@code config:} (or with an empty one) has an empty configuration. */
    private static void namedInstances(JsonNode instances)
    {
        if (instances instanceof ObjectNode object) {
            object.elements().forEachRemaining(instance -> {
                if (instance instanceof ObjectNode settings && (!settings.has("config") || settings.get("config").isNull())) {
                    settings.putObject("config");
                }
            });
        }
    }

    /** @param prefix the path of the section that was bound, when it was bound on its own */
    private SlipwayException bindingError(JsonMappingException e, ObjectNode tree, LocatedYaml.Document document, List<String> prefix)
    {
        List<String> segments = new ArrayList<>(prefix);
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                segments.add(reference.getFieldName());
            }
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof ConfigValueException invalid) {
            segments.add(invalid.key());
            String path = String.join(".", segments);
            return new SlipwayException(ErrorCode.INVALID_CONFIG, origin(document, path) + ": '" + path + "' " + invalid.getMessage(), e);
        }
        String path = String.join(".", segments);
        if (e instanceof UnrecognizedPropertyException unknown && segments.size() > 1) {
            // Inside a named mapping (executors.local.slot): the key tree does not reach there, Jackson knows the keys.
            String section = String.join(".", segments.subList(0, segments.size() - 1));
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).toList();
            ConfigOrigin origin = document.keyOrigins().getOrDefault(path, origin(document, section));
            return new SlipwayException(ErrorCode.INVALID_CONFIG, origin + ": unknown key '" + unknown.getPropertyName() + "' in '" + section
                    + "' (known keys: " + String.join(", ", known) + ")", e);
        }
        ConfigKey key = ROOT;
        for (String segment : segments) {
            key = key.child(segment).orElse(key);
        }
        JsonNode value = tree.at("/" + path.replace(".", "/"));
        return new SlipwayException(ErrorCode.INVALID_CONFIG, origin(document, path) + ": '" + path + "' must be " + key.expectation()
                + ", was " + describe(value), e);
    }

    private static ConfigOrigin origin(LocatedYaml.Document document, String path)
    {
        ConfigOrigin origin = document.valueOrigins().get(path);
        if (origin == null) {
            origin = document.keyOrigins().get(path);
        }
        return origin == null ? new ConfigOrigin("configuration") : origin;
    }

    private static ObjectNode section(ObjectNode tree, String name)
    {
        JsonNode node = tree.get(name);
        if (node instanceof ObjectNode object) {
            return object;
        }
        return tree.putObject(name);
    }

    private static void set(ObjectNode tree, String path, String value)
    {
        String[] segments = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < segments.length - 1; i++) {
            node = section(node, segments[i]);
        }
        node.put(segments[segments.length - 1], value);
    }

    private static String describe(JsonNode value)
    {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return "'" + value.asText() + "'";
    }

    private static String nonEmpty(String value)
    {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static ObjectMapper configMapper(Path home)
    {
        SimpleModule values = new SimpleModule("slipway-config");
        values.addDeserializer(Duration.class, new DurationDeserializer());
        values.addDeserializer(Path.class, new PathDeserializer(home));
        values.addDeserializer(Secret.class, new SecretDeserializer());
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(values)
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // Environment variables are text, so text must become numbers; but nothing else may be coerced silently.
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        return mapper;
    }

    private static final class DurationDeserializer
            extends JsonDeserializer<Duration>
    {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context)
                throws IOException
        {
            if (parser.currentToken().isNumeric()) {
                return Duration.ofSeconds(parser.getLongValue());
            }
            String text = parser.getValueAsString();
            if (text == null) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser);
            }
            return Durations.parse(text)
                    .orElseThrow(() -> context.weirdStringException(text, Duration.class, "not a duration"));
        }
    }

    private static final class PathDeserializer
            extends JsonDeserializer<Path>
    {
        private final Path home;

        PathDeserializer(Path home)
        {
            this.home = home;
        }

        @Override
        public Path deserialize(JsonParser parser, DeserializationContext context)
                throws IOException
        {
            String text = parser.currentToken().isScalarValue() ? parser.getValueAsString() : null;
            if (text == null || text.isBlank()) {
                return (Path) context.handleUnexpectedToken(Path.class, parser);
            }
            try {
                return home.resolve(text.trim()).toAbsolutePath().normalize();
            }
            catch (InvalidPathException e) {
                throw context.weirdStringException(text, Path.class, e.getMessage());
            }
        }
    }

    private static final class SecretDeserializer
            extends JsonDeserializer<Secret>
    {
        @Override
        public Secret deserialize(JsonParser parser, DeserializationContext context)
                throws IOException
        {
            String text = parser.currentToken().isScalarValue() ? parser.getValueAsString() : null;
            if (text == null) {
                return (Secret) context.handleUnexpectedToken(Secret.class, parser);
            }
            return Secret.of(text);
        }
    }
}
