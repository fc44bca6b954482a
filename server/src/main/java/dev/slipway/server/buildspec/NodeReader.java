package dev.slipway.server.buildspec;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Typed reads of SnakeYAML nodes with the buildspec's YAML 1.1 tolerance rules; every problem goes to
 * {@link Problems} with the node's position. Scalars are read as their text (after YAML unquoting and folding),
 * never through YAML's implicit types, so {@code 3.10} stays "3.10" and {@code 010} stays "010".
 *
 * <p>Aliases make the node graph a DAG (or, with a recursive anchor, a cyclic graph) that can be exponentially
 * larger than the text. The reader only ever descends where the buildspec schema expects structure, which bounds
 * the depth, and counts every node it visits; past {@link #MAX_VISITED_NODES} it throws
 * {@link TooManyNodesException}, which the parser turns into one error.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class NodeReader
{
    /** Far above any real buildspec (the largest in the corpus has about 600 nodes); stops alias bombs. */
    static final int MAX_VISITED_NODES = 1_000_000;

    private static final Set<String> TRUE_WORDS = Set.of("yes", "true", "on");
    private static final Set<String> FALSE_WORDS = Set.of("no", "false", "off");

    private final Problems problems;
    private int visitedNodes;

    NodeReader(Problems problems)
    {
        this.problems = requireNonNull(problems, "problems is null");
    }

    /** One key of a mapping, after merge keys ({@code <<: *anchor}) are flattened. */
    record Entry(String key, Node keyNode, Node value, String path) {}

    /** Thrown when the document, with aliases expanded, is larger than {@link #MAX_VISITED_NODES}. */
    static final class TooManyNodesException
            extends RuntimeException
    {
        private final transient Node node;

        TooManyNodesException(Node node)
        {
            super("too many nodes", null, false, false);
            this.node = node;
        }

        Node node()
        {
            return node;
        }
    }

    static String child(String path, String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String item(String path, int index)
    {
        return path + "[" + index + "]";
    }

    static boolean isNull(Node node)
    {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    static String kind(Node node)
    {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "nothing" : "text";
    }

    /**
     * The keys of a mapping in source order. A key given twice is a warning and the last one wins, as in YAML
     * 1.1 loaders. Merge keys are flattened; keys written in the mapping itself win over merged ones, and among
     * merged mappings the first one wins (YAML merge-key semantics).
     */
    List<Entry> entries(MappingNode mapping, String path)
    {
        Set<String> explicitKeys = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && !key.getTag().equals(Tag.MERGE)) {
                explicitKeys.add(key.getValue());
            }
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, Node> firstKeyNodes = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            visit(tuple.getKeyNode());
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.error(path, keyNode, "a key must be text, but this key is " + kind(keyNode));
                continue;
            }
            if (scalarKey.getTag().equals(Tag.MERGE)) {
                Set<Node> merging = Collections.newSetFromMap(new IdentityHashMap<>());
                merging.add(mapping);
                merge(tuple.getValueNode(), path, explicitKeys, entries, merging);
                continue;
            }
            String key = scalarKey.getValue();
            Node first = firstKeyNodes.putIfAbsent(key, keyNode);
            if (first != null) {
                problems.warning(child(path, key), keyNode, "duplicate key '" + key + "' (first at line "
                        + (first.getStartMark().getLine() + 1) + "); this one is used and the earlier one is ignored");
            }
            entries.put(key, new Entry(key, keyNode, tuple.getValueNode(), child(path, key)));
        }
        return List.copyOf(entries.values());
    }

    private void merge(Node source, String path, Set<String> explicitKeys, Map<String, Entry> entries, Set<Node> merging)
    {
        visit(source);
        if (source instanceof SequenceNode sequence) {
            for (Node each : sequence.getValue()) {
                merge(each, path, explicitKeys, entries, merging);
            }
            return;
        }
        if (!(source instanceof MappingNode mapping)) {
            problems.error(path, source, "a merge key (<<) needs a mapping or a list of mappings, but found " + kind(source));
            return;
        }
        if (!merging.add(mapping)) {
            problems.error(path, source, "this merge key (<<) merges a mapping into itself");
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            visit(tuple.getKeyNode());
            if (!(tuple.getKeyNode() instanceof ScalarNode scalarKey)) {
                problems.error(path, tuple.getKeyNode(), "a key must be text, but this key is " + kind(tuple.getKeyNode()));
                continue;
            }
            if (scalarKey.getTag().equals(Tag.MERGE)) {
                merge(tuple.getValueNode(), path, explicitKeys, entries, merging);
                continue;
            }
            String key = scalarKey.getValue();
            if (!explicitKeys.contains(key) && !entries.containsKey(key)) {
                entries.put(key, new Entry(key, scalarKey, tuple.getValueNode(), child(path, key)));
            }
        }
        merging.remove(mapping);
    }

    /** Warns about a key the schema does not know, with a suggestion when one of the known keys is close. */
    void unknownKey(Entry entry, Collection<String> knownKeys)
    {
        problems.warning(entry.path(), entry.keyNode(),
                "unknown key '" + entry.key() + "' is ignored" + KeySuggestions.didYouMean(entry.key(), knownKeys));
    }

    /** @return the mapping, empty for a null value (the caller decides whether that matters), or an error */
    Optional<MappingNode> mapping(Node node, String path)
    {
        visit(node);
        if (node instanceof MappingNode mapping) {
            return Optional.of(mapping);
        }
        if (!isNull(node)) {
            problems.error(path, node, "expected a mapping (indented 'key: value' lines), but found " + describe(node));
        }
        return Optional.empty();
    }

    /** @return the scalar's text; empty for a null value; an error for a list or mapping */
    Optional<String> text(Node node, String path)
    {
        visit(node);
        if (node instanceof ScalarNode scalar) {
            return isNull(scalar) ? Optional.empty() : Optional.of(scalar.getValue());
        }
        problems.error(path, node, "expected text, but found " + kind(node));
        return Optional.empty();
    }

    /** Like {@link #text} but a missing value is an error too, with {@code what} saying what was expected. */
    Optional<String> requiredText(Node node, String path, String what)
    {
        Optional<String> text = text(node, path);
        if (text.isEmpty() && isNull(node)) {
            problems.error(path, node, "needs " + what);
        }
        return text;
    }

    /**
     * {@code yes/no}, {@code true/false} and {@code on/off} in any case, quoted or not; YAML 1.1 reads them all as
     * booleans, and CodeBuild's documentation writes {@code yes/no}.
     */
    Optional<Boolean> bool(Node node, String path)
    {
        Optional<String> text = text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String word = text.get().trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return Optional.of(true);
        }
        if (FALSE_WORDS.contains(word)) {
            return Optional.of(false);
        }
        problems.error(path, node, "expected yes or no (or true/false, on/off), but found '" + abbreviate(text.get()) + "'");
        return Optional.empty();
    }

    Optional<Integer> integer(Node node, String path, int min, int max)
    {
        Optional<String> text = text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String digits = text.get().trim();
        if (!digits.matches("[+]?[0-9]{1,9}")) {
            problems.error(path, node, "expected a whole number from " + min + " to " + max + ", but found '" + abbreviate(text.get()) + "'");
            return Optional.empty();
        }
        int value = Integer.parseInt(digits);
        if (value < min || value > max) {
            problems.error(path, node, "must be from " + min + " to " + max + ", but is " + value);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A list of text, or one text as a one-element list; see {@link #textItems}. */
    List<String> textList(Node node, String path)
    {
        return textItems(node, path, false).stream().map(ScalarNode::getValue).toList();
    }

    /**
     * The scalar items of a list. A single scalar is a one-element list (AWS's own samples write
     * {@code files: imagedefinitions.json}); a null value is an empty list; a null item is skipped with a warning;
     * any other item is an error. With {@code commands}, an item that YAML read as a mapping gets an explanation of
     * the {@code ': '} pitfall.
     */
    List<ScalarNode> textItems(Node node, String path, boolean commands)
    {
        visit(node);
        if (node instanceof ScalarNode scalar) {
            return isNull(scalar) ? List.of() : List.of(scalar);
        }
        if (node instanceof MappingNode) {
            problems.error(path, node, "expected a list (lines starting with '- ') or a single text, but found "
                    + describe(node));
            return List.of();
        }
        List<ScalarNode> items = new ArrayList<>();
        List<Node> values = ((SequenceNode) node).getValue();
        for (int index = 0; index < values.size(); index++) {
            Node value = values.get(index);
            visit(value);
            String itemPath = item(path, index);
            if (isNull(value)) {
                problems.warning(itemPath, value, "empty list item is skipped");
            }
            else if (value instanceof ScalarNode scalar) {
                items.add(scalar);
            }
            else if (commands && value instanceof MappingNode mapping) {
                problems.error(itemPath, value, commandReadAsMapping(mapping));
            }
            else {
                problems.error(itemPath, value, "expected text, but found " + kind(value));
            }
        }
        return items;
    }

    /** A map of text values (variables, runtime versions, …): keys in source order, each value a scalar's text. */
    Map<String, ScalarNode> scalarValues(Node node, String path)
    {
        Map<String, ScalarNode> values = new LinkedHashMap<>();
        Optional<MappingNode> mapping = mapping(node, path);
        if (mapping.isEmpty()) {
            return values;
        }
        for (Entry entry : entries(mapping.get(), path)) {
            visit(entry.value());
            if (entry.value() instanceof ScalarNode scalar) {
                values.put(entry.key(), scalar);
            }
            else {
                problems.error(entry.path(), entry.value(), "expected text, but found " + kind(entry.value()));
            }
        }
        return values;
    }

    private static String commandReadAsMapping(MappingNode mapping)
    {
        String message = "a command must be text, but YAML read this item as a mapping";
        if (mapping.getValue().size() == 1
                && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key
                && mapping.getValue().get(0).getValueNode() instanceof ScalarNode value
                && key.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
            String original = key.getValue() + ":" + (isNull(value) ? "" : " " + value.getValue());
            return message + " because it " + (isNull(value) ? "ends with ':'" : "contains ': '")
                    + "; quote the whole command: - " + quote(original);
        }
        return message + " because it contains ': ' or ends with ':'; quote the whole command";
    }

    private static String quote(String command)
    {
        if (!command.contains("'")) {
            return "'" + command + "'";
        }
        return "\"" + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String describe(Node node)
    {
        if (node instanceof ScalarNode scalar && !isNull(scalar)) {
            return "the text '" + abbreviate(scalar.getValue()) + "'";
        }
        return kind(node);
    }

    static String abbreviate(String text)
    {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    private void visit(Node node)
    {
        visitedNodes++;
        if (visitedNodes > MAX_VISITED_NODES) {
            throw new TooManyNodesException(node);
        }
    }
}
