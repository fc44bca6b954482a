package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;

import dev.slipway.api.executor.Toolchain;

import static java.util.Objects.requireNonNull;

/**
 * Finds the language toolchains installed on the machine, for {@code runtime-versions}: JDKs (runtime {@code java}),
 * Python, Node.js ({@code nodejs}), Ruby, Go ({@code golang}), PHP and .NET ({@code dotnet}), under the places their
 * installers and version managers use.
 *
 * <p>Versions come from files (a JDK's {@code release}, Go's {@code VERSION}, directory and program names) wherever
 * possible; only a system-wide Node.js is asked for its version, once. Toolchains whose programs live in a shared
 * directory such as {@code /usr/bin} get a small directory of links ("shims", under the executor's data directory)
 * as their {@code PATH} entry, so that choosing {@code python: 3.11} makes {@code python} and {@code pip} that
 * version without putting all of {@code /usr/bin} in front of other toolchains.
 *
 * <p>Not cached here: {@link LocalExecutor} detects once per instance.
 */
final class ToolchainDetector
{
    private static final Pattern VERSION_NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?.*");
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"([^\"]+)\"");
    private static final Pattern PYTHON_PROGRAM = Pattern.compile("python(\\d+\\.\\d+)");
    private static final Pattern PHP_PROGRAM = Pattern.compile("php(\\d+\\.\\d+)");
    private static final Pattern DOTTED_VERSION = Pattern.compile("v?(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Pattern GO_VERSION = Pattern.compile("go(\\d+\\.\\d+(?:\\.\\d+)?).*");

    private final Locations locations;
    private final Path shimDirectory;
    private final Logger logger;

    /**
     * Where to look. The machine's locations come from {@link #ofMachine}; tests point {@code root} and {@code home}
     * at a directory tree of their own.
     *
     * @param root the file system root ({@code /})
     * @param home the server user's home directory (for pyenv, nvm, rbenv, sdkman, ~/.dotnet)
     * @param pyenvRoot pyenv's root when {@code PYENV_ROOT} says where
     */
    record Locations(Path root, Path home, Optional<Path> pyenvRoot)
    {
        Locations
        {
            requireNonNull(root, "root is null");
            requireNonNull(home, "home is null");
            requireNonNull(pyenvRoot, "pyenvRoot is null");
        }

        static Locations ofMachine(Map<String, String> environment)
        {
            String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
            return new Locations(Path.of("/"), Path.of(home), Optional.ofNullable(environment.get("PYENV_ROOT")).map(Path::of));
        }

        Path system(String path)
        {
            return root.resolve(path);
        }
    }

    ToolchainDetector(Locations locations, Path shimDirectory, Logger logger)
    {
        this.locations = requireNonNull(locations, "locations is null");
        this.shimDirectory = requireNonNull(shimDirectory, "shimDirectory is null");
        this.logger = requireNonNull(logger, "logger is null");
    }

    /** @return every toolchain found, grouped by runtime, newest version first within a runtime */
    List<Toolchain> detect()
    {
        List<Toolchain> found = new ArrayList<>();
        for (Runtime runtime : Runtime.values()) {
            try {
                List<Installation> installations = switch (runtime) {
                    case JAVA -> javaInstallations();
                    case PYTHON -> pythonInstallations();
                    case NODEJS -> nodeInstallations();
                    case RUBY -> rubyInstallations();
                    case GOLANG -> goInstallations();
                    case PHP -> phpInstallations();
                    case DOTNET -> dotnetInstallations();
                };
                found.addAll(toToolchains(runtime, installations));
            }
            catch (IOException | RuntimeException e) {
                logger.warn("Detecting {} toolchains failed: {}", runtime.id, e.toString());
            }
        }
        return List.copyOf(found);
    }

    /**
     * The toolchain for a configured entry: {@code JAVA_HOME}, {@code GOROOT} or {@code DOTNET_ROOT} where the runtime
     * has one, and the home's {@code bin} directory (or the home itself, if it has none) on {@code PATH}.
     */
    static Toolchain configured(ToolchainEntry entry)
    {
        Toolchain.Builder builder = Toolchain.builder(entry.runtime(), entry.version());
        Path home = entry.home();
        switch (entry.runtime()) {
            case "java" -> builder.variable("JAVA_HOME", home.toString());
            case "golang" -> builder.variable("GOROOT", home.toString());
            case "dotnet" -> builder.variable("DOTNET_ROOT", home.toString());
            default -> { }
        }
        Path bin = home.resolve("bin");
        builder.pathEntry(entry.runtime().equals("dotnet") || !Files.isDirectory(bin) ? home.toString() : bin.toString());
        return builder.build();
    }

    private enum Runtime
    {
        JAVA("java"), PYTHON("python"), NODEJS("nodejs"), RUBY("ruby"), GOLANG("golang"), PHP("php"), DOTNET("dotnet");

        private final String id;

        Runtime(String id)
        {
            this.id = id;
        }
    }

    /**
     * One installation: its full version, the preference among installations of the same line (higher wins),
     * and how to use it.
     */
    private record Installation(String fullVersion, int preference, Map<String, String> variables, List<String> pathEntries)
    {
    }

    private List<Toolchain> toToolchains(Runtime runtime, List<Installation> installations)
    {
        // One toolchain per version line (major for java and nodejs, major.minor otherwise); the best installation
        // of a line gets the line's names, the others only their full version.
        Map<String, List<Installation>> byLine = new LinkedHashMap<>();
        for (Installation installation : installations) {
            byLine.computeIfAbsent(line(runtime, installation.fullVersion), key -> new ArrayList<>()).add(installation);
        }
        Comparator<Installation> better = Comparator.comparingInt(Installation::preference)
                .thenComparing(Installation::fullVersion, ToolchainDetector::compareVersions);
        List<Toolchain> toolchains = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> lines = new ArrayList<>(byLine.keySet());
        lines.sort((left, right) -> compareVersions(right, left));
        for (String line : lines) {
            List<Installation> candidates = byLine.get(line);
            candidates.sort(better.reversed());
            for (int i = 0; i < candidates.size(); i++) {
                Installation installation = candidates.get(i);
                List<String> versionNames = new ArrayList<>();
                if (i == 0) {
                    versionNames.addAll(lineNames(runtime, line));
                }
                versionNames.add(installation.fullVersion);
                versionNames.removeIf(name -> !names.add(name));
                if (versionNames.isEmpty()) {
                    continue;
                }
                Toolchain.Builder builder = Toolchain.builder(runtime.id, versionNames.get(0));
                versionNames.subList(1, versionNames.size()).forEach(builder::alias);
                installation.variables.forEach(builder::variable);
                installation.pathEntries.forEach(builder::pathEntry);
                toolchains.add(builder.build());
            }
        }
        return toolchains;
    }

    private static String line(Runtime runtime, String fullVersion)
    {
        Matcher matcher = VERSION_NUMBERS.matcher(fullVersion);
        if (!matcher.matches()) {
            return fullVersion;
        }
        String major = matcher.group(1);
        if (runtime == Runtime.JAVA) {
            // "1.8.0_392" is Java 8.
            return major.equals("1") && matcher.group(2) != null ? matcher.group(2) : major;
        }
        if (runtime == Runtime.NODEJS || matcher.group(2) == null) {
            return major;
        }
        return major + "." + matcher.group(2);
    }

    private static List<String> lineNames(Runtime runtime, String line)
    {
        if (runtime == Runtime.JAVA) {
            // CodeBuild's images name JDKs corretto8/11/17/21 and openjdk8/11; any JDK of that line serves them here.
            return List.of("corretto" + line, "openjdk" + line, line);
        }
        return List.of(line);
    }

    /** Orders versions by their numbers ("3.9" before "3.10"), then as text. */
    static int compareVersions(String left, String right)
    {
        String[] a = left.split("\\D+");
        String[] b = right.split("\\D+");
        int length = Math.max(a.length, b.length);
        for (int i = 0; i < length; i++) {
            long x = i < a.length && !a[i].isEmpty() ? parse(a[i]) : -1;
            long y = i < b.length && !b[i].isEmpty() ? parse(b[i]) : -1;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return left.compareTo(right);
    }

    private static long parse(String digits)
    {
        try {
            return Long.parseLong(digits);
        }
        catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    // --- Java: /usr/lib/jvm/*, /opt/java/*, ~/.sdkman/candidates/java/*; the version from each JDK's "release" file.

    private List<Installation> javaInstallations()
            throws IOException
    {
        List<Installation> installations = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path directory : List.of(locations.system("usr/lib/jvm"), locations.system("opt/java"), locations.home.resolve(".sdkman/candidates/java"))) {
            for (Path home : children(directory)) {
                Path release = home.resolve("release");
                if (!isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release) || !seen.add(home.toRealPath())) {
                    continue;
                }
                Matcher matcher = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.ISO_8859_1));
                if (!matcher.find()) {
                    continue;
                }
                installations.add(new Installation(matcher.group(1), 0, Map.of("JAVA_HOME", home.toString()),
                        List.of(home.resolve("bin").toString())));
            }
        }
        return installations;
    }

    // --- Python: pyenv's versions (preferred: a prefix of their own) and python3.N programs in /usr/local/bin and /usr/bin.

    private List<Installation> pythonInstallations()
            throws IOException
    {
        List<Installation> installations = new ArrayList<>();
        Path pyenv = locations.pyenvRoot.orElse(locations.home.resolve(".pyenv"));
        for (Path prefix : children(pyenv.resolve("versions"))) {
            String name = prefix.getFileName().toString();
            if (DOTTED_VERSION.matcher(name).matches() && isExecutable(prefix.resolve("bin/python"))) {
                installations.add(new Installation(name, 1, Map.of(), List.of(prefix.resolve("bin").toString())));
            }
        }
        Set<String> seenVersions = new HashSet<>();
        for (Path directory : List.of(locations.system("usr/local/bin"), locations.system("usr/bin"))) {
            for (Path program : children(directory)) {
                Matcher matcher = PYTHON_PROGRAM.matcher(program.getFileName().toString());
                if (!matcher.matches() || !isExecutable(program) || !seenVersions.add(matcher.group(1))) {
                    continue;
                }
                String version = matcher.group(1);
                Map<String, Path> links = Map.of("python", program, "python3", program, "python" + version, program);
                String pip = "#!/bin/sh\nexec " + shellQuote(program.toString()) + " -m pip \"$@\"\n";
                Optional<Path> shims = shims("python-" + version, links, Map.of("pip", pip, "pip3", pip));
                if (shims.isPresent()) {
                    installations.add(new Installation(version, 0, Map.of(), List.of(shims.get().toString())));
                }
            }
        }
        return installations;
    }

    // --- Node.js: nvm and n (a prefix each), then a node in /usr/local/bin or /usr/bin, asked for its version once.

    private List<Installation> nodeInstallations()
            throws IOException
    {
        List<Installation> installations = new ArrayList<>();
        List<Path> prefixes = new ArrayList<>(children(locations.home.resolve(".nvm/versions/node")));
        prefixes.addAll(children(locations.system("usr/local/n/versions/node")));
        for (Path prefix : prefixes) {
            Matcher matcher = DOTTED_VERSION.matcher(prefix.getFileName().toString());
            if (matcher.matches() && isExecutable(prefix.resolve("bin/node"))) {
                installations.add(new Installation(matcher.group(1), 1, Map.of(), List.of(prefix.resolve("bin").toString())));
            }
        }
        for (Path directory : List.of(locations.system("usr/local/bin"), locations.system("usr/bin"))) {
            Path node = directory.resolve("node");
            if (!isExecutable(node)) {
                continue;
            }
            Optional<String> version = askVersion(node).map(DOTTED_VERSION::matcher).filter(Matcher::matches).map(matcher -> matcher.group(1));
            if (version.isEmpty()) {
                continue;
            }
            Map<String, Path> links = new LinkedHashMap<>();
            for (String program : List.of("node", "npm", "npx", "corepack")) {
                if (isExecutable(directory.resolve(program))) {
                    links.put(program, directory.resolve(program));
                }
            }
            Optional<Path> shims = shims("nodejs-" + version.get(), links, Map.of());
            if (shims.isPresent()) {
                installations.add(new Installation(version.get(), 0, Map.of(), List.of(shims.get().toString())));
            }
            break;
        }
        return installations;
    }

    private Optional<String> askVersion(Path program)
    {
        try {
            Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(4096);
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(output, StandardCharsets.UTF_8).strip());
        }
        catch (IOException e) {
            logger.warn("Could not ask {} for its version: {}", program, e.toString());
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    // --- Ruby: rbenv's versions, then /usr/bin/ruby with the version of its library directory (/usr/lib/ruby/3.1.0).

    private List<Installation> rubyInstallations()
            throws IOException
    {
        List<Installation> installations = new ArrayList<>();
        for (Path prefix : children(locations.home.resolve(".rbenv/versions"))) {
            String name = prefix.getFileName().toString();
            if (DOTTED_VERSION.matcher(name).matches() && isExecutable(prefix.resolve("bin/ruby"))) {
                installations.add(new Installation(name, 1, Map.of(), List.of(prefix.resolve("bin").toString())));
            }
        }
        Path bin = locations.system("usr/bin");
        if (isExecutable(bin.resolve("ruby"))) {
            Optional<String> version = children(locations.system("usr/lib/ruby")).stream()
                    .map(path -> path.getFileName().toString())
                    .filter(name -> DOTTED_VERSION.matcher(name).matches())
                    .max(ToolchainDetector::compareVersions);
            if (version.isPresent()) {
                Map<String, Path> links = new LinkedHashMap<>();
                for (String program : List.of("ruby", "gem", "bundle", "bundler", "irb", "rake")) {
                    if (isExecutable(bin.resolve(program))) {
                        links.put(program, bin.resolve(program));
                    }
                }
                // The library directory names the ABI (3.1.0), not the patch release, so only the line is offered.
                String line = line(Runtime.RUBY, version.get());
                Optional<Path> shims = shims("ruby-" + line, links, Map.of());
                if (shims.isPresent()) {
                    installations.add(new Installation(line, 0, Map.of(), List.of(shims.get().toString())));
                }
            }
        }
        return installations;
    }

    // --- Go: /usr/local/go, /usr/lib/go-*, ~/sdk/go*; the version from the VERSION file, else the directory name.

    private List<Installation> goInstallations()
            throws IOException
    {
        List<Path> roots = new ArrayList<>();
        roots.add(locations.system("usr/local/go"));
        children(locations.system("usr/lib")).stream().filter(path -> path.getFileName().toString().startsWith("go-")).forEach(roots::add);
        children(locations.home.resolve("sdk")).stream().filter(path -> path.getFileName().toString().startsWith("go")).forEach(roots::add);
        List<Installation> installations = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path root : roots) {
            if (!isExecutable(root.resolve("bin/go")) || !seen.add(root.toRealPath())) {
                continue;
            }
            Optional<String> version = Optional.empty();
            Path versionFile = root.resolve("VERSION");
            if (Files.isRegularFile(versionFile)) {
                Matcher matcher = GO_VERSION.matcher(Files.readString(versionFile, StandardCharsets.UTF_8).lines().findFirst().orElse(""));
                if (matcher.matches()) {
                    version = Optional.of(matcher.group(1));
                }
            }
            if (version.isEmpty()) {
                Matcher matcher = Pattern.compile("go-?(\\d+\\.\\d+(?:\\.\\d+)?)").matcher(root.getFileName().toString());
                if (matcher.matches()) {
                    version = Optional.of(matcher.group(1));
                }
            }
            version.ifPresent(value -> installations.add(new Installation(value, 0, Map.of("GOROOT", root.toString()),
                    List.of(root.resolve("bin").toString()))));
        }
        return installations;
    }

    // --- PHP: Debian's php8.2-style programs in /usr/bin.

    private List<Installation> phpInstallations()
            throws IOException
    {
        List<Installation> installations = new ArrayList<>();
        for (Path program : children(locations.system("usr/bin"))) {
            Matcher matcher = PHP_PROGRAM.matcher(program.getFileName().toString());
            if (matcher.matches() && isExecutable(program)) {
                Optional<Path> shims = shims("php-" + matcher.group(1), Map.of("php", program), Map.of());
                shims.ifPresent(path -> installations.add(new Installation(matcher.group(1), 0, Map.of(), List.of(path.toString()))));
            }
        }
        return installations;
    }

    // --- .NET: /usr/share/dotnet, /usr/lib/dotnet, ~/.dotnet; one toolchain per installed runtime line.

    private List<Installation> dotnetInstallations()
            throws IOException
    {
        List<Installation> installations = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path root : List.of(locations.system("usr/share/dotnet"), locations.system("usr/lib/dotnet"), locations.home.resolve(".dotnet"))) {
            if (!isExecutable(root.resolve("dotnet")) || !seen.add(root.toRealPath())) {
                continue;
            }
            for (Path runtime : children(root.resolve("shared/Microsoft.NETCore.App"))) {
                String name = runtime.getFileName().toString();
                if (DOTTED_VERSION.matcher(name).matches()) {
                    installations.add(new Installation(name, 0, Map.of("DOTNET_ROOT", root.toString()), List.of(root.toString())));
                }
            }
        }
        return installations;
    }

    // --- helpers

    /** @return the entries of {@code directory}, real directories and files before links, each group sorted by name */
    private static List<Path> children(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        }
        entries.sort(Comparator.comparing((Path path) -> Files.isSymbolicLink(path)).thenComparing(path -> path.getFileName().toString()));
        return entries;
    }

    private static boolean isExecutable(Path path)
    {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /**
     * Creates (or refreshes) {@code <shim directory>/<name>/bin} with links to {@code links} and small scripts.
     *
     * @return the directory, or empty (with a warning) if it cannot be written
     */
    private Optional<Path> shims(String name, Map<String, Path> links, Map<String, String> scripts)
    {
        Path bin = shimDirectory.resolve(name).resolve("bin");
        try {
            Files.createDirectories(bin);
            for (Path directory = bin; directory != null && directory.startsWith(shimDirectory); directory = directory.getParent()) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            for (Map.Entry<String, Path> link : links.entrySet()) {
                Path shim = bin.resolve(link.getKey());
                if (Files.isSymbolicLink(shim) && Files.readSymbolicLink(shim).equals(link.getValue())) {
                    continue;
                }
                Files.deleteIfExists(shim);
                Files.createSymbolicLink(shim, link.getValue());
            }
            for (Map.Entry<String, String> script : scripts.entrySet()) {
                Path shim = bin.resolve(script.getKey());
                if (Files.isSymbolicLink(shim)) {
                    Files.delete(shim);
                }
                Files.writeString(shim, script.getValue(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return Optional.of(bin);
        }
        catch (IOException | UnsupportedOperationException e) {
            logger.warn("Could not create toolchain shims in {}: {}", bin, e.toString());
            return Optional.empty();
        }
    }

    private static String shellQuote(String text)
    {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
