package dev.slipway.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionContext;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.ExecutorFactory;

/**
 * Creates {@link ScriptedExecutor}s (id {@code scripted}). Config: {@code environment}, a list of {@code NAME=value}
 * entries that every shell starts with (and where {@code SLIPWAY_TEST_PROVISION_FAIL} and
 * {@code SLIPWAY_TEST_PROVISION_SLEEP} are read), and {@code capacity} (default 1). Keeps the executors it created
 * for inspection.
 *
 * @since 0.1
 */
public final class ScriptedExecutorFactory
        implements ExecutorFactory
{
    /** @since 0.1 */
    public static final String ID = "scripted";

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .stringList("environment")
            .label("Environment")
            .description("NAME=value entries every shell starts with; SLIPWAY_TEST_* names script the executor's behaviour.")
            .add()
            .integer("capacity")
            .label("Capacity")
            .description("How many builds the executor says it can run at the same time.")
            .defaultValue(1)
            .range(1, 1024)
            .add()
            .build();

    private final List<ScriptedExecutor> created = new CopyOnWriteArrayList<>();

    /** @since 0.1 */
    public ScriptedExecutorFactory() {}

    @Override
    public String id()
    {
        return ID;
    }

    @Override
    public String displayName()
    {
        return "Scripted (testing)";
    }

    @Override
    public String description()
    {
        return "Interprets a small shell language without starting processes; for tests only.";
    }

    @Override
    public ConfigSchema configSchema()
    {
        return SCHEMA;
    }

    @Override
    public ValidationResult validate(ConfigValues config)
    {
        ValidationResult.Builder result = ValidationResult.builder();
        List<String> entries = config.getStringList("environment");
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int equals = entry.indexOf('=');
            if (equals <= 0 || !isName(entry.substring(0, equals))) {
                result.error("environment[" + i + "]", "must be NAME=value with a NAME of letters, digits and '_', was '" + entry + "'");
            }
        }
        return result.build();
    }

    @Override
    public Executor create(ConfigValues config, ExtensionContext context)
    {
        ValidationResult validation = validate(config);
        if (!validation.isValid()) {
            List<String> details = validation.errors().stream().map(Object::toString).toList();
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Invalid scripted executor configuration: " + String.join("; ", details), details);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : config.getStringList("environment")) {
            int equals = entry.indexOf('=');
            environment.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        ScriptedExecutor executor = new ScriptedExecutor(environment, config.getInt("capacity"));
        created.add(executor);
        return executor;
    }

    /** @return every executor this factory created, oldest first @since 0.1 */
    public List<ScriptedExecutor> createdExecutors()
    {
        return List.copyOf(created);
    }

    private static boolean isName(String name)
    {
        for (int i = 0; i < name.length(); i++) {
            if (!ShellScript.isNameCharacter(name.charAt(i), i == 0)) {
                return false;
            }
        }
        return !name.isEmpty();
    }
}
