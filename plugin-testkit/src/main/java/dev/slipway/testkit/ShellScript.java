package dev.slipway.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed form of a command for {@link ScriptedExecutor}: a small, deterministic subset of the POSIX shell
 * language. Statements are separated by newlines or {@code ;} and joined by {@code &&} and {@code ||}; words may be
 * quoted with {@code '…'} and {@code "…"}, escaped with {@code \}, and contain {@code $NAME}, {@code ${NAME}},
 * {@code ${NAME:-default}}, {@code ${NAME-default}} and {@code $?}; redirections are {@code >}, {@code >>},
 * {@code <}, {@code n>}, {@code n>>} and {@code n>&m}; {@code #} starts a comment. Pipes, background jobs,
 * subshells, command substitution, functions and globbing are rejected as syntax errors, so that a test never
 * silently gets a different meaning than a real shell would give it.
 */
final class ShellScript
{
    /** A list of and-or lists, run one after the other. */
    record Script(List<AndOr> statements) {}

    /** {@code first && second || third}: {@code operators.get(i)} joins {@code commands.get(i)} and {@code commands.get(i + 1)}. */
    record AndOr(List<Command> commands, List<Operator> operators) {}

    enum Operator
    {
        AND, OR
    }

    /** A simple command: assignments, words (the first names the command) and redirections, in source order. */
    record Command(List<Assignment> assignments, List<Word> words, List<Redirect> redirects) {}

    record Assignment(String name, Word value) {}

    /** One shell word made of literal and expanded parts. */
    record Word(List<Part> parts)
    {
        /** @return the word's text if it has no expansions and no quotes, e.g. a command name */
        Optional<String> plainText()
        {
            StringBuilder text = new StringBuilder();
            for (Part part : parts) {
                if (!(part instanceof Literal literal) || literal.quoted()) {
                    return Optional.empty();
                }
                text.append(literal.text());
            }
            return Optional.of(text.toString());
        }
    }

    sealed interface Part permits Literal, Variable {}

    /** Text taken as is; {@code quoted} literals keep empty strings and are never split. */
    record Literal(String text, boolean quoted) implements Part {}

    /**
     * {@code $name}; {@code fallback} is used when the variable is unset (or also when it is empty, if
     * {@code fallbackWhenEmpty}). Unquoted values are split into fields at blanks.
     */
    record Variable(String name, Optional<String> fallback, boolean fallbackWhenEmpty, boolean quoted) implements Part {}

    enum RedirectKind
    {
        /** {@code n> target} */ WRITE,
        /** {@code n>> target} */ APPEND,
        /** {@code < target} */ READ,
        /** {@code n>&m} */ DUPLICATE,
    }

    record Redirect(int descriptor, RedirectKind kind, Optional<Word> target, int duplicateOf) {}

    /** A construct this language does not have, with a message that says which. */
    static final class SyntaxError
            extends Exception
    {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message)
        {
            super(message);
        }
    }

    private final String source;
    private int position;

    private ShellScript(String source)
    {
        this.source = source;
    }

    static Script parse(String source)
            throws SyntaxError
    {
        return new ShellScript(source).script();
    }

    private Script script()
            throws SyntaxError
    {
        List<AndOr> statements = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        List<Operator> operators = new ArrayList<>();
        Command current = null;
        while (true) {
            skipBlanks();
            if (atEnd() || peek() == '\n' || peek() == ';') {
                if (current != null) {
                    commands.add(current);
                }
                else if (!operators.isEmpty()) {
                    throw new SyntaxError("a command is missing after '" + (operators.get(operators.size() - 1) == Operator.AND ? "&&" : "||") + "'");
                }
                else if (!atEnd() && peek() == ';') {
                    throw new SyntaxError("unexpected ';'");
                }
                if (!commands.isEmpty()) {
                    statements.add(new AndOr(List.copyOf(commands), List.copyOf(operators)));
                }
                commands.clear();
                operators.clear();
                current = null;
                if (atEnd()) {
                    return new Script(List.copyOf(statements));
                }
                position++;
                continue;
            }
            if (startsWith("&&") || startsWith("||")) {
                if (current == null) {
                    throw new SyntaxError("unexpected '" + source.substring(position, position + 2) + "'");
                }
                commands.add(current);
                operators.add(startsWith("&&") ? Operator.AND : Operator.OR);
                current = null;
                position += 2;
                skipBlanksAndNewlines();
                continue;
            }
            if (current != null) {
                throw new IllegalStateException("a command ends only at a separator");
            }
            current = command();
        }
    }

    private Command command()
            throws SyntaxError
    {
        List<Assignment> assignments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (atEnd() || peek() == '\n' || peek() == ';' || startsWith("&&") || startsWith("||")) {
                return new Command(List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects));
            }
            char c = peek();
            if (c == '#') {
                while (!atEnd() && peek() != '\n') {
                    position++;
                }
                continue;
            }
            rejectUnsupported(c);
            Optional<Redirect> redirect = redirect();
            if (redirect.isPresent()) {
                redirects.add(redirect.get());
                continue;
            }
            Word word = word();
            Optional<Assignment> assignment = words.isEmpty() ? asAssignment(word) : Optional.empty();
            if (assignment.isPresent()) {
                assignments.add(assignment.get());
            }
            else {
                words.add(word);
            }
        }
    }

    private Optional<Redirect> redirect()
            throws SyntaxError
    {
        int start = position;
        int descriptor = -1;
        while (!atEnd() && Character.isDigit(peek())) {
            position++;
        }
        if (position > start) {
            if (atEnd() || (peek() != '>' && peek() != '<')) {
                position = start;
                return Optional.empty();
            }
            descriptor = Integer.parseInt(source.substring(start, position));
        }
        if (atEnd() || (peek() != '>' && peek() != '<')) {
            return Optional.empty();
        }
        if (peek() == '<') {
            position++;
            if (!atEnd() && (peek() == '<' || peek() == '&' || peek() == '>')) {
                throw new SyntaxError("'<" + peek() + "' is not supported by the scripted executor");
            }
            return Optional.of(new Redirect(descriptor < 0 ? 0 : descriptor, RedirectKind.READ, Optional.of(redirectTarget()), -1));
        }
        position++;
        int target = descriptor < 0 ? 1 : descriptor;
        if (!atEnd() && peek() == '>') {
            position++;
            return Optional.of(new Redirect(target, RedirectKind.APPEND, Optional.of(redirectTarget()), -1));
        }
        if (!atEnd() && peek() == '&') {
            position++;
            int digitsStart = position;
            while (!atEnd() && Character.isDigit(peek())) {
                position++;
            }
            if (position == digitsStart) {
                throw new SyntaxError("'>&' must be followed by a file descriptor number in the scripted executor");
            }
            return Optional.of(new Redirect(target, RedirectKind.DUPLICATE, Optional.empty(), Integer.parseInt(source.substring(digitsStart, position))));
        }
        if (!atEnd() && peek() == '|') {
            throw new SyntaxError("'>|' is not supported by the scripted executor");
        }
        return Optional.of(new Redirect(target, RedirectKind.WRITE, Optional.of(redirectTarget()), -1));
    }

    private Word redirectTarget()
            throws SyntaxError
    {
        skipBlanks();
        if (atEnd() || peek() == '\n' || peek() == ';' || peek() == '>' || peek() == '<' || startsWith("&&") || startsWith("||")) {
            throw new SyntaxError("a redirection is missing its file name");
        }
        rejectUnsupported(peek());
        return word();
    }

    private Word word()
            throws SyntaxError
    {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '>' || c == '<' || startsWith("&&") || startsWith("||")) {
                break;
            }
            rejectUnsupported(c);
            if (c == '\\') {
                position++;
                if (atEnd()) {
                    literal.append('\\');
                }
                else if (peek() == '\n') {
                    position++;
                }
                else {
                    flush(literal, parts, false);
                    parts.add(new Literal(String.valueOf(next()), true));
                }
            }
            else if (c == '\'') {
                flush(literal, parts, false);
                position++;
                int end = source.indexOf('\'', position);
                if (end < 0) {
                    throw new SyntaxError("a single quote is not closed");
                }
                parts.add(new Literal(source.substring(position, end), true));
                position = end + 1;
            }
            else if (c == '"') {
                flush(literal, parts, false);
                position++;
                doubleQuoted(parts);
            }
            else if (c == '$') {
                flush(literal, parts, false);
                parts.add(dollar(false));
            }
            else {
                literal.append(next());
            }
        }
        flush(literal, parts, false);
        return new Word(List.copyOf(parts));
    }

    private void doubleQuoted(List<Part> parts)
            throws SyntaxError
    {
        StringBuilder literal = new StringBuilder();
        // An empty "" still makes a (quoted, empty) word.
        parts.add(new Literal("", true));
        while (true) {
            if (atEnd()) {
                throw new SyntaxError("a double quote is not closed");
            }
            char c = next();
            if (c == '"') {
                flush(literal, parts, true);
                return;
            }
            if (c == '\\' && !atEnd() && "$`\"\\\n".indexOf(peek()) >= 0) {
                char escaped = next();
                if (escaped != '\n') {
                    literal.append(escaped);
                }
            }
            else if (c == '`') {
                throw new SyntaxError("command substitution with '`' is not supported by the scripted executor");
            }
            else if (c == '$') {
                position--;
                flush(literal, parts, true);
                parts.add(dollar(true));
            }
            else {
                literal.append(c);
            }
        }
    }

    private Part dollar(boolean quoted)
            throws SyntaxError
    {
        position++;
        if (atEnd()) {
            return new Literal("$", quoted);
        }
        char c = peek();
        if (c == '(') {
            throw new SyntaxError("'$(' (command substitution or arithmetic) is not supported by the scripted executor");
        }
        if (c == '?') {
            position++;
            return new Variable("?", Optional.empty(), false, quoted);
        }
        if (c == '{') {
            position++;
            int end = source.indexOf('}', position);
            if (end < 0) {
                throw new SyntaxError("'${' is not closed");
            }
            String body = source.substring(position, end);
            position = end + 1;
            int nameEnd = 0;
            while (nameEnd < body.length() && isNameCharacter(body.charAt(nameEnd), nameEnd == 0)) {
                nameEnd++;
            }
            String name = body.substring(0, nameEnd);
            if (name.isEmpty()) {
                throw new SyntaxError("'${" + body + "}' is not supported by the scripted executor");
            }
            String rest = body.substring(nameEnd);
            if (rest.isEmpty()) {
                return new Variable(name, Optional.empty(), false, quoted);
            }
            if (rest.startsWith(":-")) {
                return new Variable(name, Optional.of(rest.substring(2)), true, quoted);
            }
            if (rest.startsWith("-")) {
                return new Variable(name, Optional.of(rest.substring(1)), false, quoted);
            }
            throw new SyntaxError("'${" + body + "}' is not supported by the scripted executor (only ${NAME}, ${NAME:-word} and ${NAME-word})");
        }
        if (isNameCharacter(c, true)) {
            int start = position;
            while (!atEnd() && isNameCharacter(peek(), position == start)) {
                position++;
            }
            return new Variable(source.substring(start, position), Optional.empty(), false, quoted);
        }
        if (Character.isDigit(c) || c == '$' || c == '#' || c == '@' || c == '*' || c == '!') {
            throw new SyntaxError("'$" + c + "' is not supported by the scripted executor");
        }
        return new Literal("$", quoted);
    }

    private static Optional<Assignment> asAssignment(Word word)
    {
        if (word.parts().isEmpty() || !(word.parts().get(0) instanceof Literal first) || first.quoted()) {
            return Optional.empty();
        }
        int equals = first.text().indexOf('=');
        if (equals <= 0) {
            return Optional.empty();
        }
        String name = first.text().substring(0, equals);
        for (int i = 0; i < name.length(); i++) {
            if (!isNameCharacter(name.charAt(i), i == 0)) {
                return Optional.empty();
            }
        }
        List<Part> value = new ArrayList<>();
        value.add(new Literal(first.text().substring(equals + 1), true));
        value.addAll(word.parts().subList(1, word.parts().size()));
        return Optional.of(new Assignment(name, new Word(List.copyOf(value))));
    }

    static boolean isNameCharacter(char c, boolean first)
    {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }

    private void rejectUnsupported(char c)
            throws SyntaxError
    {
        switch (c) {
            case '|' -> throw new SyntaxError("pipes ('|') are not supported by the scripted executor");
            case '&' -> throw new SyntaxError("background jobs ('&') are not supported by the scripted executor");
            case '(', ')' -> throw new SyntaxError("subshells and functions ('(' and ')') are not supported by the scripted executor");
            case '`' -> throw new SyntaxError("command substitution with '`' is not supported by the scripted executor");
            default -> { }
        }
    }

    private static void flush(StringBuilder literal, List<Part> parts, boolean quoted)
    {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString(), quoted));
            literal.setLength(0);
        }
    }

    private void skipBlanks()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || startsWith("\\\n"))) {
            position += startsWith("\\\n") ? 2 : 1;
        }
    }

    private void skipBlanksAndNewlines()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n')) {
            position++;
        }
    }

    private boolean startsWith(String text)
    {
        return source.startsWith(text, position);
    }

    private boolean atEnd()
    {
        return position >= source.length();
    }

    private char peek()
    {
        return source.charAt(position);
    }

    private char next()
    {
        return source.charAt(position++);
    }
}
