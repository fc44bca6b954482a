package dev.slipway.server.buildspec;

import dev.slipway.server.buildspec.Buildspec.Batch;
import dev.slipway.server.buildspec.Buildspec.BatchEnv;
import dev.slipway.server.buildspec.Buildspec.BatchKind;
import dev.slipway.server.buildspec.Buildspec.BatchTask;
import dev.slipway.server.buildspec.Buildspec.BuildMatrix;
import dev.slipway.server.buildspec.NodeReader.Entry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.slipway.server.buildspec.NodeReader.abbreviate;
import static dev.slipway.server.buildspec.NodeReader.isNull;
import static java.util.Objects.requireNonNull;

/**
 * Reads {@code batch}: {@code fast-fail} and exactly one of {@code build-list}, {@code build-graph},
 * {@code build-matrix} and {@code build-fanout}. Identifiers must be unique, every {@code depend-on} must name a
 * task of the graph, and the graph must have no cycle. {@code build-fanout} with {@code parallelism: N} becomes N
 * identical tasks named {@code fanout_1} … {@code fanout_N}. Not thread-safe: one instance per parse.
 */
final class BatchReader
{
    static final int MAX_FANOUT_PARALLELISM = 100;

    private static final List<String> BATCH_KEYS = List.of("fast-fail", "build-list", "build-graph", "build-matrix", "build-fanout");
    private static final List<String> KIND_KEYS = BATCH_KEYS.subList(1, BATCH_KEYS.size());
    private static final List<String> TASK_KEYS = List.of("identifier", "buildspec", "debug-session", "depend-on", "env", "ignore-failure");
    private static final List<String> ENV_KEYS = List.of("compute-type", "image", "privileged-mode", "type", "variables");
    private static final List<String> MATRIX_KEYS = List.of("static", "dynamic");
    private static final List<String> STATIC_KEYS = List.of("ignore-failure", "env");
    private static final List<String> DYNAMIC_KEYS = List.of("buildspec", "env");
    private static final List<String> DYNAMIC_ENV_KEYS = List.of("compute-type", "image", "variables");
    private static final List<String> FANOUT_KEYS = List.of("parallelism", "ignore-failure");

    private final Problems problems;
    private final NodeReader nodes;

    BatchReader(Problems problems, NodeReader nodes)
    {
        this.problems = requireNonNull(problems, "problems is null");
        this.nodes = requireNonNull(nodes, "nodes is null");
    }

    Optional<Batch> read(Entry batchEntry)
    {
        Optional<MappingNode> mapping = nodes.mapping(batchEntry.value(), batchEntry.path());
        if (mapping.isEmpty()) {
            if (isNull(batchEntry.value())) {
                problems.warning(batchEntry.path(), batchEntry.keyNode(), "is empty and is ignored");
            }
            return Optional.empty();
        }
        boolean fastFail = false;
        Entry kindEntry = null;
        for (Entry entry : nodes.entries(mapping.get(), batchEntry.path())) {
            if (entry.key().equals("fast-fail")) {
                fastFail = nodes.bool(entry.value(), entry.path()).orElse(false);
            }
            else if (KIND_KEYS.contains(entry.key())) {
                if (kindEntry == null) {
                    kindEntry = entry;
                }
                else {
                    problems.error(entry.path(), entry.keyNode(), "batch can have only one of build-list, build-graph, build-matrix "
                            + "and build-fanout, but has both " + kindEntry.key() + " and " + entry.key());
                }
            }
            else {
                nodes.unknownKey(entry, BATCH_KEYS);
            }
        }
        if (kindEntry == null) {
            problems.error(batchEntry.path(), batchEntry.keyNode(), "batch needs one of build-list, build-graph, build-matrix or build-fanout");
            return Optional.empty();
        }
        boolean batchFastFail = fastFail;
        return switch (kindEntry.key()) {
            case "build-list" -> readTasks(kindEntry, false).map(tasks -> new Batch(batchFastFail, BatchKind.BUILD_LIST, tasks, Optional.empty()));
            case "build-graph" -> readTasks(kindEntry, true).map(tasks -> new Batch(batchFastFail, BatchKind.BUILD_GRAPH, tasks, Optional.empty()));
            case "build-matrix" -> readMatrix(kindEntry).map(matrix -> new Batch(batchFastFail, BatchKind.BUILD_MATRIX, List.of(), Optional.of(matrix)));
            case "build-fanout" -> readFanout(kindEntry).map(tasks -> new Batch(batchFastFail, BatchKind.BUILD_FANOUT, tasks, Optional.empty()));
            default -> throw new IllegalStateException("not a batch kind: " + kindEntry.key());
        };
    }

    // ---- build-list and build-graph -----------------------------------------------------------------------------

    private record ReadTask(BatchTask task, Node identifierNode, List<ScalarNode> dependOnNodes, String path) {}

    private Optional<List<BatchTask>> readTasks(Entry tasksEntry, boolean graph)
    {
        if (!(tasksEntry.value() instanceof SequenceNode sequence)) {
            problems.error(tasksEntry.path(), isNull(tasksEntry.value()) ? tasksEntry.keyNode() : tasksEntry.value(),
                    tasksEntry.key() + " needs a list of builds, each with an identifier");
            return Optional.empty();
        }
        List<ReadTask> tasks = new ArrayList<>();
        Map<String, Node> identifiers = new HashMap<>();
        List<Node> items = sequence.getValue();
        for (int index = 0; index < items.size(); index++) {
            String path = NodeReader.item(tasksEntry.path(), index);
            Node item = items.get(index);
            if (isNull(item)) {
                problems.warning(path, item, "empty list item is skipped");
                continue;
            }
            Optional<MappingNode> mapping = nodes.mapping(item, path);
            if (mapping.isEmpty()) {
                continue;
            }
            readTask(mapping.get(), path, graph).ifPresent(task -> {
                Node first = identifiers.putIfAbsent(task.task().identifier(), task.identifierNode());
                if (first != null) {
                    problems.error(NodeReader.child(task.path(), "identifier"), task.identifierNode(), "identifier '"
                            + abbreviate(task.task().identifier()) + "' is already used at line " + (first.getStartMark().getLine() + 1)
                            + "; identifiers must be unique");
                }
                else {
                    tasks.add(task);
                }
            });
        }
        if (items.isEmpty()) {
            problems.error(tasksEntry.path(), tasksEntry.keyNode(), tasksEntry.key() + " needs at least one build");
        }
        if (graph) {
            checkGraph(tasks);
        }
        return Optional.of(tasks.stream().map(ReadTask::task).toList());
    }

    private Optional<ReadTask> readTask(MappingNode mapping, String path, boolean graph)
    {
        Optional<String> identifier = Optional.empty();
        Node identifierNode = mapping;
        Optional<String> buildspec = Optional.empty();
        List<ScalarNode> dependOn = List.of();
        BatchEnv env = BatchEnv.EMPTY;
        boolean ignoreFailure = false;
        boolean debugSession = false;
        for (Entry entry : nodes.entries(mapping, path)) {
            switch (entry.key()) {
                case "identifier" -> {
                    identifierNode = entry.value();
                    identifier = nodes.requiredText(entry.value(), entry.path(), "an identifier (letters, digits and _)").map(String::trim);
                }
                case "buildspec" -> buildspec = nodes.text(entry.value(), entry.path());
                case "debug-session" -> debugSession = nodes.bool(entry.value(), entry.path()).orElse(false);
                case "depend-on" -> {
                    if (graph) {
                        dependOn = nodes.textItems(entry.value(), entry.path(), false);
                    }
                    else {
                        problems.warning(entry.path(), entry.keyNode(), "is read only in build-graph; in build-list every build starts at once");
                    }
                }
                case "env" -> env = readEnv(entry);
                case "ignore-failure" -> ignoreFailure = nodes.bool(entry.value(), entry.path()).orElse(false);
                default -> nodes.unknownKey(entry, TASK_KEYS);
            }
        }
        if (identifierNode == mapping) {
            problems.error(NodeReader.child(path, "identifier"), mapping, "is required: each build needs one");
            return Optional.empty();
        }
        if (identifier.isEmpty()) {
            return Optional.empty();
        }
        if (identifier.get().isEmpty()) {
            problems.error(NodeReader.child(path, "identifier"), identifierNode, "needs an identifier (letters, digits and _), but is blank");
            return Optional.empty();
        }
        List<String> dependOnIds = dependOn.stream().map(node -> node.getValue().trim()).toList();
        return Optional.of(new ReadTask(new BatchTask(identifier.get(), buildspec, dependOnIds, env, ignoreFailure, debugSession),
                identifierNode, dependOn, path));
    }

    private void checkGraph(List<ReadTask> tasks)
    {
        Map<String, ReadTask> byIdentifier = new LinkedHashMap<>();
        tasks.forEach(task -> byIdentifier.put(task.task().identifier(), task));
        for (ReadTask task : tasks) {
            for (int index = 0; index < task.dependOnNodes().size(); index++) {
                ScalarNode dependency = task.dependOnNodes().get(index);
                String id = dependency.getValue().trim();
                String path = NodeReader.item(NodeReader.child(task.path(), "depend-on"), index);
                if (id.equals(task.task().identifier())) {
                    problems.error(path, dependency, "build '" + abbreviate(id) + "' cannot depend on itself");
                }
                else if (!byIdentifier.containsKey(id)) {
                    problems.error(path, dependency, "depend-on names '" + abbreviate(id) + "', which is not an identifier in this build-graph"
                            + KeySuggestions.didYouMean(id, byIdentifier.keySet()));
                }
            }
        }
        // Iterative depth-first search (a graph can be long enough to overflow the stack with recursion); a task
        // reached again while it is still on the path closes a cycle.
        Map<String, Integer> nextDependency = new HashMap<>();
        Set<String> done = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (ReadTask root : tasks) {
            String rootId = root.task().identifier();
            if (done.contains(rootId)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            Set<String> onPath = new HashSet<>();
            path.add(rootId);
            onPath.add(rootId);
            while (!path.isEmpty()) {
                String id = path.get(path.size() - 1);
                List<String> dependencies = byIdentifier.get(id).task().dependOn();
                int next = nextDependency.getOrDefault(id, 0);
                if (next == dependencies.size()) {
                    path.remove(path.size() - 1);
                    onPath.remove(id);
                    done.add(id);
                    continue;
                }
                nextDependency.put(id, next + 1);
                String dependency = dependencies.get(next);
                if (!byIdentifier.containsKey(dependency) || dependency.equals(id) || done.contains(dependency)) {
                    continue;
                }
                if (onPath.contains(dependency)) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
                    cycle.add(dependency);
                    if (reported.add(cycle.stream().sorted().toList().toString())) {
                        ReadTask first = byIdentifier.get(dependency);
                        problems.error(NodeReader.child(first.path(), "depend-on"), first.identifierNode(),
                                "build-graph has a cycle: " + describeCycle(cycle) + "; no build in it could ever start");
                    }
                    continue;
                }
                path.add(dependency);
                onPath.add(dependency);
            }
        }
    }

    private static String describeCycle(List<String> cycle)
    {
        if (cycle.size() <= 12) {
            return String.join(" -> ", cycle);
        }
        return String.join(" -> ", cycle.subList(0, 5)) + " -> (" + (cycle.size() - 10) + " more) -> "
                + String.join(" -> ", cycle.subList(cycle.size() - 5, cycle.size()));
    }

    private BatchEnv readEnv(Entry envEntry)
    {
        Optional<MappingNode> mapping = nodes.mapping(envEntry.value(), envEntry.path());
        if (mapping.isEmpty()) {
            return BatchEnv.EMPTY;
        }
        Optional<String> computeType = Optional.empty();
        Optional<String> image = Optional.empty();
        Optional<Boolean> privilegedMode = Optional.empty();
        Optional<String> type = Optional.empty();
        Map<String, String> variables = new LinkedHashMap<>();
        for (Entry entry : nodes.entries(mapping.get(), envEntry.path())) {
            switch (entry.key()) {
                case "compute-type" -> computeType = nodes.text(entry.value(), entry.path());
                case "image" -> image = nodes.text(entry.value(), entry.path());
                case "privileged-mode" -> privilegedMode = nodes.bool(entry.value(), entry.path());
                case "type" -> type = nodes.text(entry.value(), entry.path());
                case "variables" -> nodes.scalarValues(entry.value(), entry.path())
                        .forEach((name, value) -> variables.put(name, isNull(value) ? "" : value.getValue()));
                default -> nodes.unknownKey(entry, ENV_KEYS);
            }
        }
        return new BatchEnv(computeType, image, privilegedMode, type, variables);
    }

    // ---- build-matrix -------------------------------------------------------------------------------------------

    private Optional<BuildMatrix> readMatrix(Entry matrixEntry)
    {
        Optional<MappingNode> mapping = nodes.mapping(matrixEntry.value(), matrixEntry.path());
        if (mapping.isEmpty()) {
            if (isNull(matrixEntry.value())) {
                problems.error(matrixEntry.path(), matrixEntry.keyNode(), "build-matrix needs static and/or dynamic settings");
            }
            return Optional.empty();
        }
        boolean ignoreFailure = false;
        BatchEnv staticEnv = BatchEnv.EMPTY;
        List<String> buildspecs = List.of();
        List<String> computeTypes = List.of();
        List<String> images = List.of();
        Map<String, List<String>> variables = new LinkedHashMap<>();
        for (Entry entry : nodes.entries(mapping.get(), matrixEntry.path())) {
            switch (entry.key()) {
                case "static" -> {
                    Optional<MappingNode> staticMapping = nodes.mapping(entry.value(), entry.path());
                    if (staticMapping.isEmpty()) {
                        continue;
                    }
                    for (Entry staticEntry : nodes.entries(staticMapping.get(), entry.path())) {
                        switch (staticEntry.key()) {
                            case "ignore-failure" -> ignoreFailure = nodes.bool(staticEntry.value(), staticEntry.path()).orElse(false);
                            case "env" -> staticEnv = readEnv(staticEntry);
                            default -> nodes.unknownKey(staticEntry, STATIC_KEYS);
                        }
                    }
                }
                case "dynamic" -> {
                    Optional<MappingNode> dynamicMapping = nodes.mapping(entry.value(), entry.path());
                    if (dynamicMapping.isEmpty()) {
                        continue;
                    }
                    for (Entry dynamicEntry : nodes.entries(dynamicMapping.get(), entry.path())) {
                        switch (dynamicEntry.key()) {
                            case "buildspec" -> buildspecs = nodes.textList(dynamicEntry.value(), dynamicEntry.path());
                            case "env" -> {
                                Optional<MappingNode> envMapping = nodes.mapping(dynamicEntry.value(), dynamicEntry.path());
                                if (envMapping.isEmpty()) {
                                    continue;
                                }
                                for (Entry envEntry : nodes.entries(envMapping.get(), dynamicEntry.path())) {
                                    switch (envEntry.key()) {
                                        case "compute-type" -> computeTypes = nodes.textList(envEntry.value(), envEntry.path());
                                        case "image" -> images = nodes.textList(envEntry.value(), envEntry.path());
                                        case "variables" -> readDynamicVariables(envEntry, variables);
                                        default -> nodes.unknownKey(envEntry, DYNAMIC_ENV_KEYS);
                                    }
                                }
                            }
                            default -> nodes.unknownKey(dynamicEntry, DYNAMIC_KEYS);
                        }
                    }
                }
                default -> nodes.unknownKey(entry, MATRIX_KEYS);
            }
        }
        return Optional.of(new BuildMatrix(ignoreFailure, staticEnv, buildspecs, computeTypes, images, variables));
    }

    private void readDynamicVariables(Entry variablesEntry, Map<String, List<String>> variables)
    {
        Optional<MappingNode> mapping = nodes.mapping(variablesEntry.value(), variablesEntry.path());
        if (mapping.isEmpty()) {
            return;
        }
        for (Entry entry : nodes.entries(mapping.get(), variablesEntry.path())) {
            List<String> values = nodes.textList(entry.value(), entry.path());
            if (values.isEmpty()) {
                problems.error(entry.path(), isNull(entry.value()) ? entry.keyNode() : entry.value(),
                        "needs at least one value; each value makes one build of the matrix");
                continue;
            }
            variables.put(entry.key(), values);
        }
    }

    // ---- build-fanout -------------------------------------------------------------------------------------------

    private Optional<List<BatchTask>> readFanout(Entry fanoutEntry)
    {
        Optional<MappingNode> mapping = nodes.mapping(fanoutEntry.value(), fanoutEntry.path());
        if (mapping.isEmpty()) {
            if (isNull(fanoutEntry.value())) {
                problems.error(fanoutEntry.path(), fanoutEntry.keyNode(), "build-fanout needs parallelism");
            }
            return Optional.empty();
        }
        Optional<Integer> parallelism = Optional.empty();
        boolean parallelismGiven = false;
        boolean ignoreFailure = false;
        for (Entry entry : nodes.entries(mapping.get(), fanoutEntry.path())) {
            switch (entry.key()) {
                case "parallelism" -> {
                    parallelismGiven = true;
                    parallelism = nodes.integer(entry.value(), entry.path(), 1, MAX_FANOUT_PARALLELISM);
                }
                case "ignore-failure" -> ignoreFailure = nodes.bool(entry.value(), entry.path()).orElse(false);
                default -> nodes.unknownKey(entry, FANOUT_KEYS);
            }
        }
        if (!parallelismGiven) {
            problems.error(NodeReader.child(fanoutEntry.path(), "parallelism"), fanoutEntry.keyNode(),
                    "is required: the number of builds to start, 1 to " + MAX_FANOUT_PARALLELISM);
        }
        if (parallelism.isEmpty()) {
            return Optional.empty();
        }
        List<BatchTask> tasks = new ArrayList<>();
        for (int number = 1; number <= parallelism.get(); number++) {
            tasks.add(new BatchTask("fanout_" + number, Optional.empty(), List.of(), BatchEnv.EMPTY, ignoreFailure, false));
        }
        return Optional.of(tasks);
    }
}
