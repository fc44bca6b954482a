package dev.slipway.server.build.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.slipway.server.buildspec.Buildspec;

/**
 * Turns a buildspec's {@code batch} into the child builds to run: build-list and build-fanout tasks as they are,
 * build-graph tasks with their dependencies, and one task per combination of a build-matrix's dynamic values
 * (buildspec × image × compute type × each variable's values).
 */
final class BatchPlan
{
    private BatchPlan() {}

    /** @return the tasks, or the message that says why the batch cannot run (unknown dependency, cycle) */
    static Planned plan(Buildspec.Batch batch)
    {
        List<Buildspec.BatchTask> tasks = switch (batch.kind()) {
            case BUILD_LIST, BUILD_FANOUT -> batch.tasks().stream()
                    .map(task -> new Buildspec.BatchTask(task.identifier(), task.buildspec(), List.of(), task.env(), task.ignoreFailure(), task.debugSession()))
                    .toList();
            case BUILD_GRAPH -> batch.tasks();
            case BUILD_MATRIX -> matrix(batch.matrix().orElseThrow(() -> new IllegalArgumentException("build-matrix has no matrix")));
        };
        Map<String, Buildspec.BatchTask> byId = new LinkedHashMap<>();
        for (Buildspec.BatchTask task : tasks) {
            if (byId.putIfAbsent(task.identifier(), task) != null) {
                return Planned.error("Batch identifier '" + task.identifier() + "' is used twice");
            }
        }
        for (Buildspec.BatchTask task : tasks) {
            for (String dependency : task.dependOn()) {
                if (!byId.containsKey(dependency)) {
                    return Planned.error("Batch task '" + task.identifier() + "' depends on '" + dependency + "', which is not a task; tasks are " + byId.keySet());
                }
            }
        }
        Optional<List<String>> cycle = findCycle(byId);
        if (cycle.isPresent()) {
            return Planned.error("Batch tasks depend on each other in a cycle: " + String.join(" -> ", cycle.get()));
        }
        return new Planned(tasks, Optional.empty());
    }

    record Planned(List<Buildspec.BatchTask> tasks, Optional<String> error)
    {
        static Planned error(String message)
        {
            return new Planned(List.of(), Optional.of(message));
        }
    }

    private static List<Buildspec.BatchTask> matrix(Buildspec.BuildMatrix matrix)
    {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        combinations = multiply(combinations, "\0buildspec", matrix.buildspecs());
        combinations = multiply(combinations, "\0image", matrix.images());
        combinations = multiply(combinations, "\0compute-type", matrix.computeTypes());
        for (Map.Entry<String, List<String>> variable : matrix.variables().entrySet()) {
            combinations = multiply(combinations, variable.getKey(), variable.getValue());
        }
        List<Buildspec.BatchTask> tasks = new ArrayList<>();
        Buildspec.BatchEnv fixed = matrix.staticEnv();
        for (int i = 0; i < combinations.size(); i++) {
            Map<String, String> combination = combinations.get(i);
            Map<String, String> variables = new LinkedHashMap<>(fixed.variables());
            combination.forEach((name, value) -> {
                if (!name.startsWith("\0")) {
                    variables.put(name, value);
                }
            });
            Buildspec.BatchEnv env = new Buildspec.BatchEnv(
                    Optional.ofNullable(combination.get("\0compute-type")).or(fixed::computeType),
                    Optional.ofNullable(combination.get("\0image")).or(fixed::image),
                    fixed.privilegedMode(),
                    fixed.type(),
                    variables);
            tasks.add(new Buildspec.BatchTask("build_matrix_" + (i + 1), Optional.ofNullable(combination.get("\0buildspec")), List.of(), env,
                    matrix.ignoreFailure(), false));
        }
        return tasks;
    }

    private static List<Map<String, String>> multiply(List<Map<String, String>> combinations, String name, List<String> values)
    {
        if (values.isEmpty()) {
            return combinations;
        }
        List<Map<String, String>> result = new ArrayList<>();
        for (Map<String, String> combination : combinations) {
            for (String value : values) {
                Map<String, String> next = new LinkedHashMap<>(combination);
                next.put(name, value);
                result.add(next);
            }
        }
        return result;
    }

    private static Optional<List<String>> findCycle(Map<String, Buildspec.BatchTask> byId)
    {
        Map<String, Integer> state = new HashMap<>();
        for (String id : byId.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(id, byId, state, path, new HashSet<>());
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String id, Map<String, Buildspec.BatchTask> byId, Map<String, Integer> state, List<String> path, Set<String> onPath)
    {
        if (state.getOrDefault(id, 0) == 2) {
            return Optional.empty();
        }
        if (onPath.contains(id)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return Optional.of(cycle);
        }
        onPath.add(id);
        path.add(id);
        for (String dependency : byId.get(id).dependOn()) {
            Optional<List<String>> cycle = visit(dependency, byId, state, path, onPath);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(id);
        state.put(id, 2);
        return Optional.empty();
    }
}
