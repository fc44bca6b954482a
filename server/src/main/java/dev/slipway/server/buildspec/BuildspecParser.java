package dev.slipway.server.buildspec;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Parses and validates a buildspec (CodeBuild's format, versions 0.1 and 0.2) into a {@link Buildspec}, with every
 * problem located by key path ({@code phases.build.commands[2]}), line and column. Thread-safe and stateless: one
 * instance can serve every caller. Bad input never throws; it yields a {@link ParseResult} with errors. Only
 * {@link #parse(Path)} throws, and only when the file cannot be read at all.
 *
 * <p>Decisions where CodeBuild's documentation is silent or YAML 1.1 is ambiguous:
 * <ul>
 *   <li><b>Errors and warnings.</b> An error means the buildspec cannot run as its author meant: invalid YAML,
 *       wrong types, invalid values, a missing required key ({@code version}, {@code artifacts.files},
 *       {@code reports.<group>.files}, a batch {@code identifier}), an unknown phase name (its commands would
 *       silently never run). A warning means Slipway can run it and the oddity is harmless: unknown keys (with
 *       "did you mean" when a known key is close), deprecated keys ({@code artifacts.type};
 *       {@code environment_variables} in 0.2), empty sections, null list items, duplicate keys, reserved
 *       {@code CODEBUILD_} variable names, and an unknown report {@code file-format} (the group is left out of the
 *       model: the build runs, only that report is not read). No model is returned when there is an error.</li>
 *   <li><b>Versions.</b> {@code version} is required and must be 0.1 or 0.2, read as written ({@code 0.20} is not
 *       0.2). Both versions accept every 0.2 key; 0.1's {@code environment_variables.plaintext} is read into
 *       {@code env.variables} in both versions (a warning in 0.2), and {@code env.variables} wins when both set a
 *       variable. The difference in shell scope between the versions is the engine's.</li>
 *   <li><b>Scalars keep their text.</b> Wherever a value is text (variables, runtime versions, commands, file
 *       patterns) it is the scalar as written, after YAML unquoting and folding, never YAML 1.1's implicit type:
 *       {@code python: 3.10} is "3.10", {@code version: 0.2} is "0.2", {@code FOO: 010} is "010" (not 8),
 *       {@code X: yes} is "yes" (not "true"), {@code N: 1e3} is "1e3". This is what a YAML 1.1 decoder puts into
 *       a string field, and it is the only reading under which {@code python: 3.10} means Python 3.10. A variable
 *       left empty ({@code FOO:}) is the empty string, with a warning.</li>
 *   <li><b>Booleans.</b> Where a yes/no is expected, {@code yes/no}, {@code true/false} and {@code on/off} are
 *       accepted in any case, quoted or not; anything else is an error.</li>
 *   <li><b>Lists.</b> A single scalar where a list is expected is a one-element list ({@code files: x.json}); a
 *       {@code commands} given as one string is one command; a null list item ({@code - } with nothing) is skipped
 *       with a warning; a null list ({@code commands:} with nothing) is empty. A command that YAML reads as a
 *       mapping ({@code - echo Result: ok}, or a command ending with {@code :}) is an error that says to quote it,
 *       as CodeBuild rejects it too.</li>
 *   <li><b>Keywords.</b> {@code on-failure} keywords (ABORT, CONTINUE, RETRY), {@code file-format} and
 *       {@code cache.action} are case-insensitive. {@code RETRY-<digits>} is always a count (0–100, else an
 *       error), never a regex; the regex of {@code RETRY-<regex>} must compile as a Java regex.</li>
 *   <li><b>Duplicate keys</b> are a warning and the last one wins (as in YAML 1.1 loaders), so a buildspec that
 *       runs elsewhere also runs here; the warning names the line of the ignored one. Merge keys
 *       ({@code <<: *anchor}) are supported; explicit keys win over merged ones.</li>
 *   <li><b>Text.</b> UTF-8 only (UTF-16 and invalid bytes are errors with the line and column); a UTF-8 byte
 *       order mark is skipped; CRLF and CR line endings are accepted. One YAML document: a second non-empty
 *       document is an error (an empty one after a trailing {@code ---} is a warning). An empty file and a root that
 *       is not a mapping are errors.</li>
 *   <li><b>Limits.</b> Input at most {@value #MAX_INPUT_BYTES} bytes (characters for {@link #parse(String)}); a
 *       larger file is refused before it is read. SnakeYAML's code-point limit is raised to match (its default is
 *       3 MB). Nesting at most {@value #MAX_NESTING_DEPTH} levels; at most {@value #MAX_DOCUMENT_NODES} nodes in the
 *       text; at most {@value #MAX_COLLECTION_ALIASES} aliases to lists or mappings; at most
 *       {@value NodeReader#MAX_VISITED_NODES} nodes visited with aliases expanded.
 *       These stop "billion laughs" alias bombs and deep nesting with one clear error. A real buildspec is far
 *       below every limit (the largest in the corpus is 12 KB with about 600 nodes; the deepest nests 8 levels).</li>
 *   <li><b>Other checks.</b> At most 5 report groups; at most 5 {@code fallback-keys} (a warning when there is no
 *       {@code key}, which they need); batch: exactly one of build-list, build-graph, build-matrix and
 *       build-fanout, unique identifiers, every {@code depend-on} names a task, no cycles, fanout parallelism
 *       1–100; exported variables must not start with {@code AWS_}; a {@code secrets-manager} reference must not
 *       set both version stage and version id; {@code env.shell} is one of bash, /bin/bash, sh, /bin/sh,
 *       powershell.exe, cmd.exe; {@code runtime-versions} outside install is a warning (ignored); a phase with no
 *       commands is a warning; no {@code phases} at all is an error unless there is a {@code batch}.</li>
 * </ul>
 */
public final class BuildspecParser
{
    /** The largest buildspec accepted, in bytes (or characters for text): 4 MiB. */
    public static final int MAX_INPUT_BYTES = 4 * 1024 * 1024;
    /** Levels of nested lists and mappings; a buildspec needs about 8. */
    public static final int MAX_NESTING_DEPTH = 50;
    /** Aliases to lists or mappings per document; SnakeYAML's default, which stops alias bombs early. */
    public static final int MAX_COLLECTION_ALIASES = 50;
    /**
     * Scalars, lists and mappings in the text (aliases not expanded). A 4 MiB file of one-word list items has about
     * 2 million; composing them takes seconds, so reading stops here. A real buildspec has a few thousand at most.
     */
    public static final int MAX_DOCUMENT_NODES = 250_000;

    /**
     * Parses a buildspec given as text (an inline buildspec, or a file already read).
     *
     * @return the model if there is no error, and every problem in source order
     */
    public ParseResult parse(String text)
    {
        requireNonNull(text, "text is null");
        Problems problems = new Problems();
        if (text.length() > MAX_INPUT_BYTES) {
            problems.error("", 1, 1, "the buildspec has " + String.format(Locale.ROOT, "%,d", text.length())
                    + " characters; the limit is " + String.format(Locale.ROOT, "%,d", MAX_INPUT_BYTES) + " (4 MiB)");
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        return parseText(text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
    }

    /**
     * Parses a buildspec file, which must be UTF-8 (a byte order mark is allowed).
     *
     * @return the model if there is no error, and every problem in source order
     * @throws IOException if the file cannot be read (missing, a directory, no permission); a file that can be read
     *         but is not a valid buildspec is a {@link ParseResult} with errors, not an exception
     */
    public ParseResult parse(Path file)
            throws IOException
    {
        requireNonNull(file, "file is null");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trusting the size up front: the file may be growing or be a pipe.
            bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        }
        long size = bytes.length <= MAX_INPUT_BYTES ? bytes.length : Files.isRegularFile(file) ? Files.size(file) : -1;
        return parse(bytes, size);
    }

    /**
     * Parses a buildspec given as the bytes of a file, which must be UTF-8 (a byte order mark is allowed); a byte that
     * is not UTF-8 is an error with its line and column. Pass at most {@link #MAX_INPUT_BYTES} + 1 bytes of a larger
     * file: anything longer than the limit is refused unread.
     *
     * @return the model if there is no error, and every problem in source order
     */
    public ParseResult parse(byte[] bytes)
    {
        requireNonNull(bytes, "bytes is null");
        return parse(bytes, bytes.length <= MAX_INPUT_BYTES ? bytes.length : -1);
    }

    /** @param size the file's size, or -1 if only the bytes given are known (then "more than" the limit) */
    private static ParseResult parse(byte[] bytes, long size)
    {
        Problems problems = new Problems();
        if (bytes.length > MAX_INPUT_BYTES) {
            problems.error("", 1, 1, "the buildspec is " + (size < bytes.length ? "more than " + String.format(Locale.ROOT, "%,d", MAX_INPUT_BYTES)
                    : String.format(Locale.ROOT, "%,d", size)) + " bytes; the limit is " + String.format(Locale.ROOT, "%,d", MAX_INPUT_BYTES) + " bytes (4 MiB)");
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        Optional<String> text = decode(bytes, problems);
        if (text.isEmpty()) {
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        return parseText(text.get(), problems);
    }

    private static Optional<String> decode(byte[] bytes, Problems problems)
    {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            problems.error("", 1, 1, "the file is UTF-16 text; save the buildspec as UTF-8");
            return Optional.empty();
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int lineStart = start;
            int line = 1;
            for (int index = start; index < offset; index++) {
                if (bytes[index] == '\n') {
                    line++;
                    lineStart = index + 1;
                }
            }
            String lineBefore = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
            int column = lineBefore.codePointCount(0, lineBefore.length()) + 1;
            problems.error("", line, column, String.format(Locale.ROOT,
                    "the file is not UTF-8 text (byte 0x%02X cannot start or continue a UTF-8 character); save the buildspec as UTF-8",
                    bytes[offset] & 0xFF));
            return Optional.empty();
        }
        out.flip();
        return Optional.of(out.toString());
    }

    private static ParseResult parseText(String text, Problems problems)
    {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_INPUT_BYTES + 1);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        // Duplicates are found (and reported with both lines) by NodeReader; the composer never checks them anyway.
        options.setAllowDuplicateKeys(true);
        StreamReader reader = new StreamReader(text);
        Composer composer = new CountingComposer(new ParserImpl(reader, options), options);
        Node root;
        try {
            if (!composer.checkNode()) {
                problems.error("", 1, 1, "the buildspec is empty; it needs at least 'version: 0.2' and phases");
                return new ParseResult(Optional.empty(), problems.inSourceOrder());
            }
            root = composer.getNode();
            while (composer.checkNode()) {
                Node extra = composer.getNode();
                if (NodeReader.isNull(extra)) {
                    problems.warning("", extra, "an empty YAML document after '---' is ignored");
                }
                else {
                    problems.error("", extra, "a buildspec is a single YAML document, but a second one starts here; "
                            + "remove the '---' line above it or move it to a file of its own");
                }
            }
        }
        catch (MarkedYAMLException e) {
            yamlError(e, problems);
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        catch (TooManyNodesException e) {
            problems.error("", reader.getLine() + 1, reader.getColumn() + 1, "the buildspec has more than "
                    + String.format(Locale.ROOT, "%,d", MAX_DOCUMENT_NODES) + " values (keys, values and list items); reading stopped here");
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        catch (ReaderException e) {
            int[] position = position(text, e.getPosition());
            problems.error("", position[0], position[1], String.format(Locale.ROOT,
                    "the text contains the control character U+%04X, which YAML does not allow; is this a binary file?", e.getCodePoint()));
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        catch (YAMLException e) {
            limitError(e, reader, problems);
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }

        if (NodeReader.isNull(root)) {
            problems.error("", 1, 1, "the buildspec is empty; it needs at least 'version: 0.2' and phases");
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.error("", root, "the buildspec must be a mapping of keys such as version and phases, but it is " + NodeReader.kind(root));
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        Buildspec buildspec;
        try {
            buildspec = new BuildspecReader(problems).read(mapping);
        }
        catch (NodeReader.TooManyNodesException e) {
            problems.error("", e.node(), "with its aliases expanded the buildspec has more than "
                    + String.format(Locale.ROOT, "%,d", NodeReader.MAX_VISITED_NODES) + " values; reading stopped here");
            return new ParseResult(Optional.empty(), problems.inSourceOrder());
        }
        return new ParseResult(problems.hasErrors() ? Optional.empty() : Optional.of(buildspec), problems.inSourceOrder());
    }

    private static void yamlError(MarkedYAMLException e, Problems problems)
    {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder message = new StringBuilder("invalid YAML: ");
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        if (problem.contains("(TAB)")) {
            message.append("a tab character cannot be used here; YAML indents with spaces only");
        }
        else {
            message.append(problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem);
        }
        // "while scanning for the next token" says nothing a user can act on.
        if (e.getContext() != null && !e.getContext().contains("scanning for the next token")) {
            message.append(" (").append(e.getContext().strip());
            Mark context = e.getContextMark();
            if (context != null && mark != null && context.getLine() != mark.getLine()) {
                message.append(" that starts at line ").append(context.getLine() + 1).append(", column ").append(context.getColumn() + 1);
            }
            message.append(")");
        }
        message.append(hint(problem));
        problems.error("", mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, message.toString());
    }

    private static String hint(String problem)
    {
        if (problem.startsWith("mapping values are not allowed")) {
            return "; a value that contains ': ' must be quoted, e.g. - \"echo Result: ok\"";
        }
        if (problem.startsWith("could not find expected ':'")) {
            return "; each line of a mapping is 'key: value', so check this line's indentation and its ':'";
        }
        if (problem.startsWith("expected <block end>")) {
            return "; check the indentation of this line against the lines above it";
        }
        if (problem.startsWith("found undefined alias")) {
            return "; an alias (*name) must refer to an anchor (&name) defined above it";
        }
        if (problem.startsWith("found character '@'") || problem.startsWith("found character '`'")) {
            return "; a value cannot start with @ or `, so quote it";
        }
        return "";
    }

    private static void limitError(YAMLException e, StreamReader reader, Problems problems)
    {
        String raw = e.getMessage() == null ? "" : e.getMessage();
        String message;
        if (raw.startsWith("Nesting Depth exceeded")) {
            message = "the YAML nests lists and mappings more than " + MAX_NESTING_DEPTH + " levels deep; a buildspec needs fewer than 10";
        }
        else if (raw.startsWith("Number of aliases")) {
            message = "the YAML has more than " + MAX_COLLECTION_ALIASES + " aliases (*name) to lists or mappings; Slipway refuses "
                    + "this to protect against alias bombs";
        }
        else if (raw.contains("exceeds the limit")) {
            message = "the buildspec is larger than the limit of " + String.format(Locale.ROOT, "%,d", MAX_INPUT_BYTES) + " characters";
        }
        else {
            message = "invalid YAML: " + raw.lines().findFirst().orElse("the text cannot be read as YAML");
        }
        // These exceptions carry no mark; where the reader stopped is the best position there is.
        problems.error("", reader.getLine() + 1, reader.getColumn() + 1, message);
    }

    /** Stops composing once the document has more than {@link #MAX_DOCUMENT_NODES} nodes. One instance per parse. */
    private static final class CountingComposer
            extends Composer
    {
        private int nodes;

        CountingComposer(ParserImpl parser, LoaderOptions options)
        {
            super(parser, new Resolver(), options);
        }

        @Override
        protected Node composeScalarNode(String anchor, List<CommentLine> blockComments)
        {
            count();
            return super.composeScalarNode(anchor, blockComments);
        }

        @Override
        protected Node composeSequenceNode(String anchor)
        {
            count();
            return super.composeSequenceNode(anchor);
        }

        @Override
        protected Node composeMappingNode(String anchor)
        {
            count();
            return super.composeMappingNode(anchor);
        }

        private void count()
        {
            nodes++;
            if (nodes > MAX_DOCUMENT_NODES) {
                throw new TooManyNodesException();
            }
        }
    }

    private static final class TooManyNodesException
            extends YAMLException
    {
        TooManyNodesException()
        {
            super("too many nodes");
        }
    }

    /** @return the 1-based line and column of the code point at {@code index} */
    private static int[] position(String text, int index)
    {
        int line = 1;
        int column = 1;
        int codePoints = 0;
        for (int offset = 0; offset < text.length() && codePoints < index; codePoints++) {
            int codePoint = text.codePointAt(offset);
            offset += Character.charCount(codePoint);
            if (codePoint == '\n' || (codePoint == '\r' && (offset >= text.length() || text.charAt(offset) != '\n'))) {
                line++;
                column = 1;
            }
            else if (codePoint != '\r') {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
