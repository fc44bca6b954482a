package dev.slipway.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;
import dev.slipway.testkit.ShellScript.AndOr;
import dev.slipway.testkit.ShellScript.Assignment;
import dev.slipway.testkit.ShellScript.Command;
import dev.slipway.testkit.ShellScript.Literal;
import dev.slipway.testkit.ShellScript.Operator;
import dev.slipway.testkit.ShellScript.Part;
import dev.slipway.testkit.ShellScript.Redirect;
import dev.slipway.testkit.ShellScript.Script;
import dev.slipway.testkit.ShellScript.Variable;
import dev.slipway.testkit.ShellScript.Word;

/**
 * Interprets {@link ShellScript}s with the state of one shell: variables, working directory, {@code set -e} and the
 * last status. Runs on the calling thread; {@code sleep} waits on a condition that {@link #close()} signals.
 */
final class ScriptedShellSession
        implements ShellSession
{
    static final String EXIT_CODE_VARIABLE = "SLIPWAY_TEST_EXIT_CODE";
    static final String SLEEP_VARIABLE = "SLIPWAY_TEST_SLEEP";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)?");
    private static final List<String> BUILTINS = List.of(":", "[", "cat", "cd", "echo", "exit", "export", "false", "mkdir", "printenv",
            "printf", "pwd", "read", "rm", "set", "sleep", "test", "touch", "true", "unset", "whoami");

    private final ScriptedExecutor executor;
    private final ScriptedBuildEnvironment environment;
    private final ShellOptions options;
    private final Map<String, String> initialVariables;
    private final String user;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closedCondition = lock.newCondition();
    private volatile boolean closed;

    private Map<String, String> variables;
    private Path workingDirectory;
    private boolean errexit;
    private int lastStatus;

    ScriptedShellSession(ScriptedExecutor executor, ScriptedBuildEnvironment environment, ShellOptions options, Map<String, String> initialVariables)
    {
        this.executor = executor;
        this.environment = environment;
        this.options = options;
        this.initialVariables = Map.copyOf(initialVariables);
        this.user = options.runAs().orElseGet(() -> System.getProperty("user.name", "slipway"));
        reset();
    }

    private void reset()
    {
        variables = new HashMap<>(initialVariables);
        workingDirectory = Path.of(options.workingDirectory()).toAbsolutePath().normalize();
        variables.put("PWD", workingDirectory.toString());
        errexit = false;
        lastStatus = 0;
    }

    @Override
    public CommandResult run(String command, LogSink output, Duration timeout)
            throws IOException, InterruptedException
    {
        Objects.requireNonNull(command, "command is null");
        Objects.requireNonNull(output, "output is null");
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        ensureOpen();
        executor.recordCommand(command);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Lines lines = new Lines(output);
        try {
            int status = runCommand(command, lines, deadline);
            lines.flush();
            return CommandResult.exited(status, elapsedSince(started));
        }
        catch (ShellExit exit) {
            lines.flush();
            reset();
            return CommandResult.exited(exit.status, elapsedSince(started));
        }
        catch (TimedOut timedOut) {
            lines.flush();
            reset();
            return CommandResult.timedOut(elapsedSince(started));
        }
        catch (InterruptedException e) {
            lines.flush();
            reset();
            throw e;
        }
    }

    private int runCommand(String command, Lines lines, long deadline)
            throws IOException, InterruptedException, ShellExit, TimedOut
    {
        Optional<String> sleep = Optional.ofNullable(variables.get(SLEEP_VARIABLE));
        if (sleep.isPresent()) {
            Optional<Duration> duration = parseDuration(sleep.get());
            if (duration.isEmpty()) {
                lines.write("scripted: " + SLEEP_VARIABLE + ": invalid duration '" + sleep.get() + "' (use e.g. 500ms, 2s or 1.5)\n");
                return lastStatus = 2;
            }
            sleep(duration.get(), deadline);
        }
        Script script;
        try {
            script = ShellScript.parse(command);
        }
        catch (ShellScript.SyntaxError e) {
            lines.write("scripted: syntax error: " + e.getMessage() + "\n");
            return lastStatus = 2;
        }
        int status = lastStatus;
        for (AndOr statement : script.statements()) {
            status = runAndOr(statement, lines, deadline);
        }
        Optional<String> exitCode = Optional.ofNullable(variables.get(EXIT_CODE_VARIABLE));
        if (exitCode.isPresent()) {
            try {
                int forced = Integer.parseInt(exitCode.get().trim());
                if (forced < 0 || forced > 255) {
                    throw new NumberFormatException();
                }
                status = forced;
            }
            catch (NumberFormatException e) {
                lines.write("scripted: " + EXIT_CODE_VARIABLE + ": invalid exit status '" + exitCode.get() + "' (use 0 to 255)\n");
                status = 2;
            }
        }
        return lastStatus = status;
    }

    private int runAndOr(AndOr statement, Lines lines, long deadline)
            throws IOException, InterruptedException, ShellExit, TimedOut
    {
        int status = runSimple(statement.commands().get(0), lines, deadline);
        int last = 0;
        for (int i = 0; i < statement.operators().size(); i++) {
            boolean run = statement.operators().get(i) == Operator.AND ? status == 0 : status != 0;
            if (run) {
                status = runSimple(statement.commands().get(i + 1), lines, deadline);
                last = i + 1;
            }
        }
        // As in POSIX shells, set -e ignores failures of commands that are followed by && or ||.
        if (errexit && status != 0 && last == statement.commands().size() - 1) {
            throw new ShellExit(status);
        }
        return status;
    }

    private int runSimple(Command command, Lines lines, long deadline)
            throws IOException, InterruptedException, ShellExit, TimedOut
    {
        if (System.nanoTime() - deadline >= 0) {
            throw new TimedOut();
        }
        Io io = new Io(lines);
        for (Redirect redirect : command.redirects()) {
            Optional<String> problem = io.apply(redirect);
            if (problem.isPresent()) {
                lines.write("scripted: " + problem.get() + "\n");
                return lastStatus = 1;
            }
        }
        try {
            List<String> fields = new ArrayList<>();
            boolean declaration = command.words().size() > 0 && command.words().get(0).plainText().filter("export"::equals).isPresent();
            for (int i = 0; i < command.words().size(); i++) {
                fields.addAll(expand(command.words().get(i), !(declaration && i > 0)));
            }
            if (fields.isEmpty()) {
                for (Assignment assignment : command.assignments()) {
                    variables.put(assignment.name(), String.join("", expand(assignment.value(), false)));
                }
                return lastStatus = 0;
            }
            Map<String, String> saved = new HashMap<>();
            for (Assignment assignment : command.assignments()) {
                saved.put(assignment.name(), variables.get(assignment.name()));
                variables.put(assignment.name(), String.join("", expand(assignment.value(), false)));
            }
            try {
                return lastStatus = builtin(fields.get(0), fields.subList(1, fields.size()), io, deadline);
            }
            finally {
                saved.forEach((name, value) -> {
                    if (value == null) {
                        variables.remove(name);
                    }
                    else {
                        variables.put(name, value);
                    }
                });
            }
        }
        finally {
            io.close();
        }
    }

    private int builtin(String name, List<String> arguments, Io io, long deadline)
            throws IOException, InterruptedException, ShellExit, TimedOut
    {
        return switch (name) {
            case ":", "true" -> 0;
            case "false" -> 1;
            case "echo" -> echo(arguments, io);
            case "printf" -> printf(arguments, io);
            case "cat" -> cat(arguments, io);
            case "cd" -> cd(arguments, io);
            case "pwd" -> {
                io.out(workingDirectory + "\n");
                yield 0;
            }
            case "export" -> export(arguments, io);
            case "unset" -> {
                arguments.forEach(variables::remove);
                yield 0;
            }
            case "printenv" -> printenv(arguments, io);
            case "exit" -> throw new ShellExit(arguments.isEmpty() ? lastStatus : parseStatus(arguments.get(0)));
            case "sleep" -> sleepCommand(arguments, io, deadline);
            case "read" -> read(arguments, io);
            case "set" -> set(arguments, io);
            case "mkdir" -> mkdir(arguments, io);
            case "touch" -> touch(arguments, io);
            case "rm" -> rm(arguments, io);
            case "whoami" -> {
                io.out(user + "\n");
                yield 0;
            }
            case "test" -> test(arguments, io);
            case "[" -> {
                if (arguments.isEmpty() || !arguments.get(arguments.size() - 1).equals("]")) {
                    io.err("scripted: [: missing ']'\n");
                    yield 2;
                }
                yield test(arguments.subList(0, arguments.size() - 1), io);
            }
            default -> {
                io.err("scripted: " + name + ": command not found (the scripted executor runs only its built-in commands: " + BUILTINS + ")\n");
                yield 127;
            }
        };
    }

    private List<String> expand(Word word, boolean split)
    {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean started = false;
        for (Part part : word.parts()) {
            if (part instanceof Literal literal) {
                current.append(literal.text());
                started |= literal.quoted() || !literal.text().isEmpty();
                continue;
            }
            Variable variable = (Variable) part;
            String value = variable.name().equals("?") ? String.valueOf(lastStatus) : variables.get(variable.name());
            if (variable.fallback().isPresent() && (value == null || (variable.fallbackWhenEmpty() && value.isEmpty()))) {
                value = variable.fallback().get();
            }
            value = value == null ? "" : value;
            if (variable.quoted() || !split) {
                current.append(value);
                started = true;
                continue;
            }
            String[] pieces = value.split("[ \t\n]+", -1);
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    if (started) {
                        fields.add(current.toString());
                    }
                    current.setLength(0);
                    started = false;
                }
                current.append(pieces[i]);
                started |= !pieces[i].isEmpty();
            }
        }
        if (started) {
            fields.add(current.toString());
        }
        return fields;
    }

    private int echo(List<String> arguments, Io io)
    {
        boolean newline = true;
        boolean escapes = false;
        int first = 0;
        while (first < arguments.size() && arguments.get(first).matches("-[neE]+")) {
            for (char option : arguments.get(first).substring(1).toCharArray()) {
                switch (option) {
                    case 'n' -> newline = false;
                    case 'e' -> escapes = true;
                    default -> escapes = false;
                }
            }
            first++;
        }
        String text = String.join(" ", arguments.subList(first, arguments.size()));
        if (escapes) {
            Printf.Escaped escaped = Printf.escapes(text);
            io.out(escaped.text());
            if (escaped.stopped()) {
                return 0;
            }
        }
        else {
            io.out(text);
        }
        if (newline) {
            io.out("\n");
        }
        return 0;
    }

    private int printf(List<String> arguments, Io io)
    {
        if (arguments.isEmpty()) {
            io.err("scripted: printf: usage: printf format [arguments]\n");
            return 2;
        }
        Printf.Result result = Printf.format(arguments.get(0), arguments.subList(1, arguments.size()));
        io.out(result.output());
        result.errors().forEach(error -> io.err("scripted: printf: " + error + "\n"));
        return result.errors().isEmpty() ? 0 : 1;
    }

    private int cat(List<String> arguments, Io io)
            throws IOException
    {
        if (arguments.isEmpty()) {
            io.out(io.stdin());
            return 0;
        }
        int status = 0;
        for (String argument : arguments) {
            if (argument.equals("-")) {
                io.out(io.stdin());
                continue;
            }
            Path file = resolve(argument);
            if (Files.isDirectory(file)) {
                io.err("cat: " + argument + ": Is a directory\n");
                status = 1;
            }
            else if (!Files.exists(file)) {
                io.err("cat: " + argument + ": No such file or directory\n");
                status = 1;
            }
            else {
                io.out(decode(Files.readAllBytes(file)));
            }
        }
        return status;
    }

    private int cd(List<String> arguments, Io io)
    {
        String target = arguments.isEmpty() ? variables.get("HOME") : arguments.get(0);
        if (target == null) {
            io.err("scripted: cd: HOME not set\n");
            return 1;
        }
        Path directory = resolve(target);
        if (!Files.isDirectory(directory)) {
            io.err("scripted: cd: " + target + ": No such file or directory\n");
            return 1;
        }
        variables.put("OLDPWD", workingDirectory.toString());
        workingDirectory = directory;
        variables.put("PWD", directory.toString());
        return 0;
    }

    private int export(List<String> arguments, Io io)
    {
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (!isName(name)) {
                io.err("scripted: export: '" + argument + "': not a valid identifier\n");
                return 1;
            }
            if (equals >= 0) {
                variables.put(name, argument.substring(equals + 1));
            }
        }
        return 0;
    }

    private int printenv(List<String> arguments, Io io)
    {
        if (arguments.isEmpty()) {
            new TreeMap<>(variables).forEach((name, value) -> io.out(name + "=" + value + "\n"));
            return 0;
        }
        int status = 0;
        for (String name : arguments) {
            String value = variables.get(name);
            if (value == null) {
                status = 1;
            }
            else {
                io.out(value + "\n");
            }
        }
        return status;
    }

    private int sleepCommand(List<String> arguments, Io io, long deadline)
            throws InterruptedException, TimedOut, IOException
    {
        if (arguments.isEmpty()) {
            io.err("scripted: sleep: missing operand\n");
            return 1;
        }
        Duration total = Duration.ZERO;
        for (String argument : arguments) {
            Optional<Duration> duration = parseDuration(argument);
            if (duration.isEmpty()) {
                io.err("scripted: sleep: invalid time interval '" + argument + "'\n");
                return 1;
            }
            total = total.plus(duration.get());
        }
        sleep(total, deadline);
        return 0;
    }

    private int read(List<String> arguments, Io io)
    {
        List<String> given = arguments.stream().filter(argument -> !argument.equals("-r")).toList();
        List<String> names = given.isEmpty() ? List.of("REPLY") : given;
        Optional<String> line = io.readLine();
        List<String> values = line.map(text -> List.of(text.strip().split("[ \t]+", names.size()))).orElse(List.of());
        for (int i = 0; i < names.size(); i++) {
            variables.put(names.get(i), i < values.size() ? values.get(i) : "");
        }
        return line.isPresent() ? 0 : 1;
    }

    private int set(List<String> arguments, Io io)
    {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-e") || (argument.equals("-o") && i + 1 < arguments.size() && arguments.get(i + 1).equals("errexit"))) {
                errexit = true;
                i += argument.equals("-o") ? 1 : 0;
            }
            else if (argument.equals("+e") || (argument.equals("+o") && i + 1 < arguments.size() && arguments.get(i + 1).equals("errexit"))) {
                errexit = false;
                i += argument.equals("+o") ? 1 : 0;
            }
            else {
                io.err("scripted: set: '" + String.join(" ", arguments.subList(i, arguments.size())) + "' is not supported (only -e, +e, -o errexit, +o errexit)\n");
                return 2;
            }
        }
        return 0;
    }

    private int mkdir(List<String> arguments, Io io)
            throws IOException
    {
        boolean parents = arguments.contains("-p");
        int status = 0;
        for (String argument : arguments) {
            if (argument.equals("-p")) {
                continue;
            }
            Path directory = resolve(argument);
            try {
                if (parents) {
                    Files.createDirectories(directory);
                }
                else {
                    Files.createDirectory(directory);
                }
            }
            catch (FileAlreadyExistsException e) {
                io.err("mkdir: cannot create directory '" + argument + "': File exists\n");
                status = 1;
            }
            catch (NoSuchFileException e) {
                io.err("mkdir: cannot create directory '" + argument + "': No such file or directory\n");
                status = 1;
            }
        }
        return status;
    }

    private int touch(List<String> arguments, Io io)
            throws IOException
    {
        int status = 0;
        for (String argument : arguments) {
            Path file = resolve(argument);
            try {
                if (Files.exists(file)) {
                    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
                }
                else {
                    Files.createFile(file);
                }
            }
            catch (NoSuchFileException e) {
                io.err("touch: cannot touch '" + argument + "': No such file or directory\n");
                status = 1;
            }
        }
        return status;
    }

    private int rm(List<String> arguments, Io io)
            throws IOException
    {
        boolean recursive = false;
        boolean force = false;
        List<String> paths = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.matches("-[rRf]+")) {
                recursive |= argument.contains("r") || argument.contains("R");
                force |= argument.contains("f");
            }
            else {
                paths.add(argument);
            }
        }
        int status = 0;
        for (String argument : paths) {
            Path path = resolve(argument);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                if (!force) {
                    io.err("rm: cannot remove '" + argument + "': No such file or directory\n");
                    status = 1;
                }
                continue;
            }
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && !recursive) {
                io.err("rm: cannot remove '" + argument + "': Is a directory\n");
                status = 1;
                continue;
            }
            try {
                TestFiles.deleteRecursively(path);
            }
            catch (DirectoryNotEmptyException e) {
                io.err("rm: cannot remove '" + argument + "': Directory not empty\n");
                status = 1;
            }
        }
        return status;
    }

    private int test(List<String> arguments, Io io)
    {
        List<String> expression = arguments;
        boolean negate = false;
        if (!expression.isEmpty() && expression.get(0).equals("!") && expression.size() > 1) {
            negate = true;
            expression = expression.subList(1, expression.size());
        }
        Optional<Boolean> result = switch (expression.size()) {
            case 0 -> Optional.of(false);
            case 1 -> Optional.of(!expression.get(0).isEmpty());
            case 2 -> unaryTest(expression.get(0), expression.get(1));
            case 3 -> binaryTest(expression.get(0), expression.get(1), expression.get(2));
            default -> Optional.empty();
        };
        if (result.isEmpty()) {
            io.err("scripted: test: expression not supported: " + String.join(" ", arguments) + "\n");
            return 2;
        }
        return result.get() != negate ? 0 : 1;
    }

    private Optional<Boolean> unaryTest(String operator, String operand)
    {
        Path path = resolve(operand);
        return switch (operator) {
            case "-e" -> Optional.of(Files.exists(path));
            case "-f" -> Optional.of(Files.isRegularFile(path));
            case "-d" -> Optional.of(Files.isDirectory(path));
            case "-x" -> Optional.of(Files.isExecutable(path));
            case "-r" -> Optional.of(Files.isReadable(path));
            case "-s" -> Optional.of(Files.isRegularFile(path) && path.toFile().length() > 0);
            case "-z" -> Optional.of(operand.isEmpty());
            case "-n" -> Optional.of(!operand.isEmpty());
            default -> Optional.empty();
        };
    }

    private static Optional<Boolean> binaryTest(String left, String operator, String right)
    {
        switch (operator) {
            case "=", "==" -> {
                return Optional.of(left.equals(right));
            }
            case "!=" -> {
                return Optional.of(!left.equals(right));
            }
            default -> { }
        }
        long a;
        long b;
        try {
            a = Long.parseLong(left.trim());
            b = Long.parseLong(right.trim());
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
        return switch (operator) {
            case "-eq" -> Optional.of(a == b);
            case "-ne" -> Optional.of(a != b);
            case "-lt" -> Optional.of(a < b);
            case "-le" -> Optional.of(a <= b);
            case "-gt" -> Optional.of(a > b);
            case "-ge" -> Optional.of(a >= b);
            default -> Optional.empty();
        };
    }

    /** Waits, interruptibly, until {@code duration} passed, the deadline passed (then {@link TimedOut}) or the session closed. */
    private void sleep(Duration duration, long deadline)
            throws InterruptedException, TimedOut, IOException
    {
        long end = System.nanoTime() + Math.min(duration.toNanos(), Long.MAX_VALUE / 4);
        boolean timesOut = end - deadline > 0;
        long until = timesOut ? deadline : end;
        lock.lockInterruptibly();
        try {
            long remaining = until - System.nanoTime();
            while (remaining > 0 && !closed) {
                remaining = closedCondition.awaitNanos(remaining);
            }
        }
        finally {
            lock.unlock();
        }
        ensureOpen();
        if (timesOut) {
            throw new TimedOut();
        }
    }

    static Optional<Duration> parseDuration(String text)
    {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double nanosPerUnit = switch (unit) {
            case "ms" -> TimeUnit.MILLISECONDS.toNanos(1);
            case "s" -> TimeUnit.SECONDS.toNanos(1);
            case "m" -> TimeUnit.MINUTES.toNanos(1);
            case "h" -> TimeUnit.HOURS.toNanos(1);
            default -> TimeUnit.DAYS.toNanos(1);
        };
        return Optional.of(Duration.ofNanos((long) Math.min(amount * nanosPerUnit, Long.MAX_VALUE / 4.0)));
    }

    private static int parseStatus(String text)
    {
        try {
            return Integer.parseInt(text.trim()) & 0xff;
        }
        catch (NumberFormatException e) {
            return 2;
        }
    }

    private static boolean isName(String name)
    {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!ShellScript.isNameCharacter(name.charAt(i), i == 0)) {
                return false;
            }
        }
        return true;
    }

    private Path resolve(String path)
    {
        return workingDirectory.resolve(path).toAbsolutePath().normalize();
    }

    private static String decode(byte[] bytes)
    {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        }
        catch (CharacterCodingException e) {
            throw new IllegalStateException("A replacing decoder never fails", e);
        }
    }

    private static Duration elapsedSince(long started)
    {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void ensureOpen()
            throws IOException
    {
        if (closed) {
            throw new IOException("The scripted shell session was closed");
        }
        environment.ensureOpen();
    }

    @Override
    public void close()
    {
        lock.lock();
        try {
            closed = true;
            closedCondition.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public String toString()
    {
        return "ScriptedShellSession[" + options + "]";
    }

    /** Ends the command and the shell with a status ({@code exit N}, or a failure under {@code set -e}). */
    private static final class ShellExit
            extends Exception
    {
        private static final long serialVersionUID = 1L;

        private final int status;

        ShellExit(int status)
        {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private static final class TimedOut
            extends Exception
    {
        private static final long serialVersionUID = 1L;

        TimedOut()
        {
            super(null, null, false, false);
        }
    }

    /** Splits the merged output of a command into lines for the sink; a last partial line is delivered by {@link #flush()}. */
    private static final class Lines
    {
        private final LogSink sink;
        private final StringBuilder partial = new StringBuilder();

        Lines(LogSink sink)
        {
            this.sink = sink;
        }

        void write(String text)
        {
            int start = 0;
            for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
                partial.append(text, start, newline);
                int end = partial.length();
                if (end > 0 && partial.charAt(end - 1) == '\r') {
                    partial.setLength(end - 1);
                }
                sink.line(partial.toString());
                partial.setLength(0);
                start = newline + 1;
            }
            partial.append(text, start, text.length());
        }

        void flush()
        {
            if (partial.length() > 0) {
                sink.line(partial.toString());
                partial.setLength(0);
            }
        }
    }

    /** Where a command's descriptors 0, 1 and 2 point after its redirections. */
    private final class Io
    {
        private final Lines lines;
        private final Map<Integer, Target> descriptors = new HashMap<>();
        private final Map<Path, StringBuilder> files = new LinkedHashMap<>();
        private String stdin = "";
        private int stdinPosition;

        Io(Lines lines)
        {
            this.lines = lines;
            descriptors.put(1, Target.SINK);
            descriptors.put(2, Target.SINK);
        }

        Optional<String> apply(Redirect redirect)
                throws IOException
        {
            switch (redirect.kind()) {
                case DUPLICATE -> {
                    Target target = descriptors.get(redirect.duplicateOf());
                    if (target == null) {
                        return Optional.of(redirect.duplicateOf() + ": Bad file descriptor");
                    }
                    descriptors.put(redirect.descriptor(), target);
                }
                case READ -> {
                    String name = String.join("", expand(redirect.target().orElseThrow(), false));
                    Path file = resolve(name);
                    if (!Files.isRegularFile(file) && !name.equals("/dev/null")) {
                        return Optional.of(name + ": No such file or directory");
                    }
                    stdin = name.equals("/dev/null") ? "" : decode(Files.readAllBytes(file));
                    stdinPosition = 0;
                }
                case WRITE, APPEND -> {
                    String name = String.join("", expand(redirect.target().orElseThrow(), false));
                    if (name.equals("/dev/null")) {
                        descriptors.put(redirect.descriptor(), Target.DISCARD);
                        break;
                    }
                    Path file = resolve(name);
                    if (Files.isDirectory(file)) {
                        return Optional.of(name + ": Is a directory");
                    }
                    if (!Files.isDirectory(file.getParent())) {
                        return Optional.of(name + ": No such file or directory");
                    }
                    if (redirect.kind() == ShellScript.RedirectKind.WRITE || !Files.exists(file)) {
                        Files.write(file, new byte[0]);
                    }
                    files.putIfAbsent(file, new StringBuilder());
                    descriptors.put(redirect.descriptor(), new Target(file));
                }
            }
            return Optional.empty();
        }

        void out(String text)
        {
            write(descriptors.getOrDefault(1, Target.DISCARD), text);
        }

        void err(String text)
        {
            write(descriptors.getOrDefault(2, Target.DISCARD), text);
        }

        String stdin()
        {
            String rest = stdin.substring(stdinPosition);
            stdinPosition = stdin.length();
            return rest;
        }

        Optional<String> readLine()
        {
            if (stdinPosition >= stdin.length()) {
                return Optional.empty();
            }
            int newline = stdin.indexOf('\n', stdinPosition);
            int end = newline < 0 ? stdin.length() : newline;
            String line = stdin.substring(stdinPosition, end);
            stdinPosition = newline < 0 ? stdin.length() : newline + 1;
            return Optional.of(line);
        }

        private void write(Target target, String text)
        {
            if (target == Target.SINK) {
                lines.write(text);
            }
            else if (target.file() != null) {
                files.get(target.file()).append(text);
            }
        }

        void close()
                throws IOException
        {
            for (Map.Entry<Path, StringBuilder> file : files.entrySet()) {
                Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        }
    }

    /** A descriptor's destination: the command's output lines, nothing, or a file collected until the command ends. */
    private static final class Target
    {
        static final Target SINK = new Target(null);
        static final Target DISCARD = new Target(null);

        private final Path file;

        Target(Path file)
        {
            this.file = file;
        }

        Path file()
        {
            return file;
        }
    }
}
