package dev.slipway.server.build.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.api.executor.Toolchain;

/**
 * Chooses toolchains for {@code phases.install.runtime-versions}: an exact version or alias, {@code N.x} (or
 * {@code N.M.x}) and {@code latest} pick the newest match by version order ({@code 3.11} is newer than {@code 3.9});
 * {@code $VAR} and {@code ${VAR}} take the build variable's value first.
 */
final class RuntimeSelector
{
    private static final Pattern NUMERIC = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+(\\.\\d+)*)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private RuntimeSelector() {}

    /** The toolchains chosen, in the order requested, or the message that says why it could not be done. */
    record Selection(List<Toolchain> toolchains, Optional<String> error) {}

    static Selection select(Map<String, String> requested, List<Toolchain> available, Map<String, String> variables)
    {
        List<Toolchain> chosen = new ArrayList<>();
        for (Map.Entry<String, String> request : requested.entrySet()) {
            String runtime = request.getKey();
            Optional<String> expanded = expand(request.getValue(), variables);
            if (expanded.isEmpty()) {
                return new Selection(List.of(), Optional.of("The version '" + request.getValue() + "' of runtime '" + runtime
                        + "' names a variable that is not set"));
            }
            String version = expanded.get().strip();
            List<Toolchain> candidates = available.stream().filter(toolchain -> toolchain.runtime().equals(runtime)).toList();
            if (candidates.isEmpty()) {
                TreeSet<String> runtimes = new TreeSet<>();
                available.forEach(toolchain -> runtimes.add(toolchain.runtime()));
                return new Selection(List.of(), Optional.of("Unknown runtime named '" + runtime + "'. This build environment has the following runtimes: "
                        + (runtimes.isEmpty() ? "none" : String.join(", ", runtimes))));
            }
            Optional<Toolchain> match = choose(version, candidates);
            if (match.isEmpty()) {
                List<String> versions = candidates.stream().map(Toolchain::version).sorted().toList();
                return new Selection(List.of(), Optional.of("Unknown runtime version named '" + version + "' of " + runtime
                        + ". This build environment has the following versions: " + String.join(", ", versions)));
            }
            chosen.add(match.get());
        }
        return new Selection(chosen, Optional.empty());
    }

    private static Optional<Toolchain> choose(String version, List<Toolchain> candidates)
    {
        Comparator<Toolchain> newestFirst = Comparator.comparing(RuntimeSelector::numericVersion, RuntimeSelector::compareVersions).reversed();
        if (version.equalsIgnoreCase("latest")) {
            return candidates.stream().sorted(newestFirst).findFirst();
        }
        List<Toolchain> exact = candidates.stream()
                .filter(toolchain -> toolchain.version().equals(version) || toolchain.aliases().contains(version))
                .toList();
        if (!exact.isEmpty()) {
            return exact.stream().sorted(newestFirst).findFirst();
        }
        if (version.endsWith(".x") || version.endsWith(".X")) {
            List<Integer> prefix = components(version.substring(0, version.length() - 2));
            if (prefix.isEmpty()) {
                return Optional.empty();
            }
            return candidates.stream()
                    .filter(toolchain -> startsWith(components(numericVersion(toolchain)), prefix))
                    .sorted(newestFirst)
                    .findFirst();
        }
        return Optional.empty();
    }

    /** The most precise numeric version among the version and its aliases ({@code 17.0.15} over {@code 17}), else the version's trailing number ({@code corretto17} → {@code 17}). */
    static String numericVersion(Toolchain toolchain)
    {
        String best = "";
        List<String> names = new ArrayList<>(toolchain.aliases());
        names.add(0, toolchain.version());
        for (String name : names) {
            if (NUMERIC.matcher(name).matches() && name.split("\\.").length > best.split("\\.").length) {
                best = name;
            }
        }
        if (best.isEmpty()) {
            Matcher trailing = TRAILING_NUMBER.matcher(toolchain.version());
            if (trailing.find()) {
                best = trailing.group(1);
            }
        }
        return best;
    }

    static int compareVersions(String left, String right)
    {
        List<Integer> a = components(left);
        List<Integer> b = components(right);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : -1;
            int y = i < b.size() ? b.get(i) : -1;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static List<Integer> components(String version)
    {
        List<Integer> components = new ArrayList<>();
        if (!NUMERIC.matcher(version).matches()) {
            return components;
        }
        for (String part : version.split("\\.")) {
            try {
                components.add(Integer.parseInt(part));
            }
            catch (NumberFormatException e) {
                components.add(Integer.MAX_VALUE);
            }
        }
        return components;
    }

    private static boolean startsWith(List<Integer> version, List<Integer> prefix)
    {
        return version.size() >= prefix.size() && version.subList(0, prefix.size()).equals(prefix);
    }

    /** @return the value with {@code $VAR}/{@code ${VAR}} replaced, or empty if a variable is not set */
    static Optional<String> expand(String value, Map<String, String> variables)
    {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String replacement = variables.get(name);
            if (replacement == null) {
                return Optional.empty();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return Optional.of(result.toString());
    }

    /** @return the {@code export} commands that apply {@code toolchain}: its variables, then its path entries in front of {@code PATH} */
    static List<String> exports(Toolchain toolchain)
    {
        List<String> commands = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>(toolchain.variables());
        variables.forEach((name, value) -> commands.add(ShellText.export(name, value)));
        if (!toolchain.pathEntries().isEmpty()) {
            commands.add("export PATH=" + ShellText.quote(String.join(":", toolchain.pathEntries()) + ":") + "\"$PATH\"");
        }
        return commands;
    }
}
