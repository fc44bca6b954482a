package dev.slipway.server.buildspec;

import dev.slipway.server.buildspec.Buildspec.PhaseName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static dev.slipway.server.buildspec.BuildspecParserTest.format;
import static dev.slipway.server.buildspec.BuildspecTestFiles.files;
import static dev.slipway.server.buildspec.BuildspecTestFiles.resourceDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bad input never crashes or hangs the parser: each case ends, within a deadline, in a result whose errors say
 * what is wrong and where (never an exception's text), or in a correct model.
 */
class BuildspecBadInputTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final BuildspecParser parser = new BuildspecParser();

    @TempDir
    Path directory;

    @Test
    void tenMegabyteBuildspecIsRefusedBeforeItIsRead()
            throws IOException
    {
        String text = "version: 0.2\nphases:\n  build:\n    commands:\n" + "      - echo ten megabytes of build commands, line after line\n".repeat(180_000);
        assertThat(text.length()).isGreaterThan(10_000_000);
        Path file = Files.writeString(directory.resolve("buildspec.yml"), text);

        ParseResult fromFile = parse(() -> parser.parse(file));
        ParseResult fromText = parse(() -> parser.parse(text));

        assertThat(format(fromFile)).containsExactly("buildspec.yml:1:1: error: the buildspec is " + String.format("%,d", text.length())
                + " bytes; the limit is 4,194,304 bytes (4 MiB)");
        assertThat(format(fromText)).containsExactly("buildspec.yml:1:1: error: the buildspec has " + String.format("%,d", text.length())
                + " characters; the limit is 4,194,304 (4 MiB)");
    }

    @Test
    void buildspecJustUnderTheSizeLimitIsRead()
    {
        String header = "version: 0.2\nphases:\n  build:\n    commands:\n";
        String line = "      - echo a build command of an ordinary length\n";
        String text = header + line.repeat((BuildspecParser.MAX_INPUT_BYTES - header.length()) / line.length());

        ParseResult result = parse(() -> parser.parse(text));

        assertThat(result.problems()).isEmpty();
        assertThat(result.buildspec().orElseThrow().phase(PhaseName.BUILD).orElseThrow().commands())
                .hasSize((BuildspecParser.MAX_INPUT_BYTES - header.length()) / line.length());
    }

    @Test
    void tenThousandCommandsAreAllReadWithTheirLines()
    {
        StringBuilder text = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        for (int command = 0; command < 10_000; command++) {
            text.append("      - echo step ").append(command).append('\n');
        }

        ParseResult result = parse(() -> parser.parse(text.toString()));

        List<Buildspec.Command> commands = result.buildspec().orElseThrow().phase(PhaseName.BUILD).orElseThrow().commands();
        assertThat(commands).hasSize(10_000);
        assertThat(commands.get(9_999)).isEqualTo(new Buildspec.Command("echo step 9999", 10_004));
    }

    @Test
    void binaryFilesAreErrorsAboutTheirBytes()
            throws IOException
    {
        Path invalidUtf8 = Files.write(directory.resolve("latin1.yml"), "version: 0.2\nenv:\n  variables:\n    NAME: Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path nul = Files.write(directory.resolve("nul.yml"), "version: 0.2\nphases:\n  build: \u0000\n".getBytes(StandardCharsets.UTF_8));
        Path utf16 = Files.write(directory.resolve("utf16.yml"), "version: 0.2\n".getBytes(StandardCharsets.UTF_16));
        Path png = Files.write(directory.resolve("image.yml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});

        assertThat(format(parser.parse(invalidUtf8))).containsExactly("buildspec.yml:4:14: error: the file is not UTF-8 text "
                + "(byte 0xE9 cannot start or continue a UTF-8 character); save the buildspec as UTF-8");
        assertThat(format(parser.parse(nul))).containsExactly("buildspec.yml:3:10: error: the text contains the control character U+0000, "
                + "which YAML does not allow; is this a binary file?");
        assertThat(format(parser.parse(utf16))).containsExactly("buildspec.yml:1:1: error: the file is UTF-16 text; save the buildspec as UTF-8");
        assertThat(format(parser.parse(png))).containsExactly("buildspec.yml:1:1: error: the file is not UTF-8 text "
                + "(byte 0x89 cannot start or continue a UTF-8 character); save the buildspec as UTF-8");
    }

    @Test
    void randomBytesNeverThrow()
            throws IOException
    {
        Random random = new Random(20261126);
        for (int round = 0; round < 200; round++) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            Path file = Files.write(directory.resolve("garbage-" + round + ".yml"), bytes);

            ParseResult result = parse(() -> parser.parse(file));

            assertUnderstandable(result);
            assertThat(result.hasErrors()).as("round %s", round).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 1_000, 100_000})
    void deeplyNestedYamlIsOneError(int depth)
    {
        String flow = "version: 0.2\nphases: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
        StringBuilder block = new StringBuilder("version: 0.2\nphases:\n");
        for (int level = 0; level < Math.min(depth, 2_000); level++) {
            block.append("  ".repeat(level + 1)).append("k").append(level).append(":\n");
        }

        for (String text : List.of(flow, block.toString())) {
            ParseResult result = parse(() -> parser.parse(text));

            assertThat(result.errors()).singleElement().satisfies(problem ->
                    assertThat(problem.message()).isEqualTo("the YAML nests lists and mappings more than 50 levels deep; a buildspec needs fewer than 10"));
        }
    }

    @Test
    void billionLaughsIsRefusedByTheAliasLimit()
            throws IOException
    {
        ParseResult result = parse(() -> parseResource("buildspec/invalid/alias-bomb.yml"));

        assertThat(format(result)).containsExactly("buildspec.yml:8:26: error: the YAML has more than 50 aliases (*name) to lists or mappings; "
                + "Slipway refuses this to protect against alias bombs");
    }

    @Test
    void aliasBombWithinTheAliasLimitIsStoppedByTheExpansionLimit()
    {
        // 48 aliases double the merged mapping 24 times: 16 million keys if it were expanded.
        StringBuilder text = new StringBuilder("version: 0.2\n.m0: &m0 {k0: v}\n");
        for (int level = 1; level <= 24; level++) {
            text.append(".m").append(level).append(": &m").append(level).append(" {<<: [*m").append(level - 1).append(", *m")
                    .append(level - 1).append("], k").append(level).append(": v}\n");
        }
        text.append("env:\n  variables:\n    <<: *m24\nphases:\n  build:\n    commands: [env]\n");

        ParseResult result = parse(() -> parser.parse(text.toString()));

        assertThat(result.buildspec()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(problem -> assertThat(problem.message())
                .isEqualTo("with its aliases expanded the buildspec has more than 1,000,000 values; reading stopped here"));
    }

    @Test
    void recursiveAliasesEndInAnError()
    {
        ParseResult merge = parse(() -> parser.parse("version: 0.2\nenv:\n  variables: &self\n    A: b\n    <<: *self\nphases:\n  build:\n    commands: [x]\n"));
        ParseResult list = parse(() -> parser.parse("version: 0.2\nphases:\n  build:\n    commands: &self [make, *self]\n"));

        assertThat(format(merge)).containsExactly("buildspec.yml:3:14: error: env.variables: this merge key (<<) merges a mapping into itself");
        assertThat(format(list)).containsExactly("buildspec.yml:4:15: error: phases.build.commands[1]: expected text, but found a list");
    }

    @Test
    void hugeFlowListIsStoppedByTheNodeLimit()
    {
        String text = "version: 0.2\nphases:\n  build:\n    commands: [" + "a,".repeat(300_000) + "a]\n";

        ParseResult result = parse(() -> parser.parse(text));

        assertThat(result.errors()).singleElement().satisfies(problem -> assertThat(problem.message())
                .isEqualTo("the buildspec has more than 250,000 values (keys, values and list items); reading stopped here"));
    }

    @Test
    void secondDocumentIsAnErrorButAnEmptyOneIsOnlyAWarning()
    {
        ParseResult two = parser.parse("version: 0.2\nphases:\n  build:\n    commands: [make]\n---\nversion: 0.2\n");
        ParseResult trailing = parser.parse("---\nversion: 0.2\nphases:\n  build:\n    commands: [make]\n---\n");

        assertThat(format(two)).containsExactly("buildspec.yml:6:1: error: a buildspec is a single YAML document, but a second one starts here; "
                + "remove the '---' line above it or move it to a file of its own");
        assertThat(trailing.buildspec()).isPresent();
        assertThat(format(trailing)).containsExactly("buildspec.yml:7:1: warning: an empty YAML document after '---' is ignored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n", "# only a comment\n", "---\n", "~\n", "null\n"})
    void emptyBuildspecIsAnError(String text)
    {
        assertThat(format(parser.parse(text))).containsExactly("buildspec.yml:1:1: error: the buildspec is empty; it needs at least 'version: 0.2' and phases");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version 0.2\n", "- version: 0.2\n", "0.2\n", "!!binary aGVsbG8=\n"})
    void rootThatIsNotAMappingIsAnError(String text)
    {
        ParseResult result = parser.parse(text);

        assertThat(result.errors()).singleElement().satisfies(problem ->
                assertThat(problem.message()).startsWith("the buildspec must be a mapping of keys such as version and phases, but it is "));
    }

    /**
     * Every node of a buildspec that uses every key, replaced in turn by a list, a mapping, a text and nothing: the
     * parser always ends with a consistent result (a model exactly when there is no error).
     */
    @Test
    void wrongTypesEverywhereNeverThrow()
            throws IOException
    {
        Yaml yaml = new Yaml(new LoaderOptions());
        String everyKey = Files.readString(resourceDirectory("buildspec/valid").resolve("every-key.yml"));
        Node root = yaml.compose(new StringReader(everyKey));
        List<Node> replacements = List.of(
                new SequenceNode(Tag.SEQ, List.of(scalar("1"), scalar("two")), DumperOptions.FlowStyle.FLOW),
                new MappingNode(Tag.MAP, List.of(new NodeTuple(scalar("key"), scalar("value"))), DumperOptions.FlowStyle.FLOW),
                scalar("some text"),
                new ScalarNode(Tag.NULL, "", null, null, DumperOptions.ScalarStyle.PLAIN));
        int[] parsed = {0};
        forEachValueSlot(root, slot -> {
            for (Node replacement : replacements) {
                slot.set(replacement);
                String text = serialize(yaml, root);
                ParseResult result = parse(() -> parser.parse(text));
                assertUnderstandable(result);
                parsed[0]++;
            }
            slot.restore();
        });

        assertThat(parsed[0]).isGreaterThan(300);
        assertThat(serialize(yaml, root)).isEqualTo(serialize(yaml, yaml.compose(new StringReader(everyKey))));
    }

    @Test
    void randomEditsOfTheCorpusNeverThrow()
            throws IOException
    {
        Random random = new Random(42);
        List<Path> corpus = files(resourceDirectory("corpus/buildspecs"), ".yml", ".yaml");
        String alphabet = " \n\t:-#&*!|>'\"[]{},?%@`\\~0123456789abcXYZ";
        for (Path file : corpus) {
            String original = Files.readString(file);
            for (int round = 0; round < 10; round++) {
                StringBuilder text = new StringBuilder(original);
                for (int edit = 0; edit < 1 + random.nextInt(5); edit++) {
                    int at = random.nextInt(text.length() + 1);
                    switch (random.nextInt(3)) {
                        case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
                        default -> {
                            int length = Math.min(text.length(), 10);
                            int from = random.nextInt(text.length() - length + 1);
                            text.insert(at, text.substring(from, from + length));
                        }
                    }
                }
                assertUnderstandable(parse(() -> parser.parse(text.toString())));
            }
        }
    }

    private static void assertUnderstandable(ParseResult result)
    {
        assertThat(result.buildspec().isPresent()).isEqualTo(!result.hasErrors());
        for (BuildspecProblem problem : result.problems()) {
            assertThat(problem.message())
                    .isNotBlank()
                    .doesNotContain("Exception", "org.yaml", "\tat ", "null");
            assertThat(problem.line()).isNotNegative();
            assertThat(problem.column()).isNotNegative();
        }
    }

    private static ParseResult parse(ThrowingSupplier<ParseResult> parse)
    {
        return assertTimeoutPreemptively(DEADLINE, parse);
    }

    private ParseResult parseResource(String name)
            throws IOException
    {
        return parser.parse(resourceDirectory(name.substring(0, name.lastIndexOf('/'))).resolve(name.substring(name.lastIndexOf('/') + 1)));
    }

    private static String serialize(Yaml yaml, Node root)
    {
        StringWriter writer = new StringWriter();
        yaml.serialize(root, writer);
        return writer.toString();
    }

    private static ScalarNode scalar(String value)
    {
        return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    /** A place in the node tree that holds a value: a mapping's value or a list's item. */
    private interface Slot
    {
        void set(Node node);

        void restore();
    }

    private static void forEachValueSlot(Node node, Consumer<Slot> action)
    {
        if (node instanceof MappingNode mapping) {
            List<NodeTuple> tuples = mapping.getValue();
            for (int index = 0; index < tuples.size(); index++) {
                NodeTuple original = tuples.get(index);
                int at = index;
                action.accept(new Slot()
                {
                    @Override
                    public void set(Node replacement)
                    {
                        tuples.set(at, new NodeTuple(original.getKeyNode(), replacement));
                    }

                    @Override
                    public void restore()
                    {
                        tuples.set(at, original);
                    }
                });
                forEachValueSlot(original.getValueNode(), action);
            }
        }
        else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int index = 0; index < items.size(); index++) {
                Node original = items.get(index);
                int at = index;
                action.accept(new Slot()
                {
                    @Override
                    public void set(Node replacement)
                    {
                        items.set(at, replacement);
                    }

                    @Override
                    public void restore()
                    {
                        items.set(at, original);
                    }
                });
                forEachValueSlot(original, action);
            }
        }
    }
}
