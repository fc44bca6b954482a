package dev.slipway.server.build.engine;

/**
 * The {@code codebuild-hash-files} command that build commands and {@code cache.key} can call, as in CodeBuild:
 * {@code codebuild-hash-files <glob>…} prints the SHA-256 over the contents of the files (below the current
 * directory) that match any of the globs, concatenated in path order. No file matching gives the hash of nothing.
 *
 * <p>The globs select exactly the files that {@code artifacts.files} would select
 * ({@link dev.slipway.server.build.artifact.FileCollector} with {@link dev.slipway.server.build.artifact.PathGlob}):
 * {@code *} and {@code ?} stay inside one name, {@code **} crosses directories, a {@code **}{@code /} also matches no
 * directory, {@code [..]} (with {@code !} negation and ranges), {@code {a,b}} groups and {@code \} escapes as the
 * JDK's {@code glob:} syntax has them; a leading {@code ./} is ignored, a trailing {@code /} means everything below, a
 * plain path that names a directory takes everything below it, dot-files are ordinary names and symbolic links are
 * followed. An absolute, empty or malformed glob is an error (exit status 2), as it is for artifacts. The one
 * difference: a range of non-ASCII characters ({@code [à-ü]}) and a non-ASCII character in a negated set
 * ({@code [!é]}) are refused (exit status 2), because the portable {@code awk} the script uses matches bytes;
 * {@code ?}, {@code *} and single non-ASCII characters in a set match whole UTF-8 characters.
 *
 * <p>The script is POSIX sh and POSIX awk (tested with dash, bash and mawk), so it works in any environment with
 * {@code find}, {@code sed}, {@code sort}, {@code awk} and one of {@code sha256sum}, {@code shasum} or
 * {@code openssl}. The engine's own tests check it against {@code FileCollector} on the same trees.
 */
final class HashFilesTool
{
    static final String NAME = "codebuild-hash-files";

    static final String SCRIPT = """
            #!/bin/sh
            # codebuild-hash-files GLOB...: SHA-256 over the contents of the matching files, in path order.
            # The globs select what artifacts.files would select (see Slipway's docs/buildspec.md).
            if [ "$#" -eq 0 ]; then
                echo "usage: codebuild-hash-files <glob>..." >&2
                exit 2
            fi
            if command -v sha256sum >/dev/null 2>&1; then
                digest() { sha256sum; }
            elif command -v shasum >/dev/null 2>&1; then
                digest() { shasum -a 256; }
            else
                digest() { openssl dgst -sha256 -r; }
            fi
            program='
            function fail(message) {
                printf "codebuild-hash-files: %s\\n", message > "/dev/stderr"
                failed = 1
                exit 2
            }
            function literal(c) {
                return index("\\\\^$.[]|()*+?{}", c) ? "\\\\" c : c
            }
            function emit(text) {
                if (inGroup) alternative = alternative text; else regex = regex text
            }
            function endAlternative() {
                if (alternative == "") groupOptional = 1; else groupText = groupText (groupText == "" ? "" : "|") alternative
                alternative = ""
            }
            # One UTF-8 character at position i of p (a lead byte and its continuation bytes).
            function character(p, i,    c, n) {
                c = substr(p, i, 1)
                if (c < "\\300") return c
                n = 1
                while (substr(p, i + n, 1) >= "\\200" && substr(p, i + n, 1) < "\\300") n++
                return substr(p, i, n)
            }
            # [..] from position i (after the [); returns the position after the ].
            function translateClass(p, i, pattern,    c, d, negated, n, count, singles, hasRangeStart, last, closed, content, k, set, multibyte, hasDash, hasCaret, hasBracket, code, set_) {
                negated = 0
                count = 0
                if (substr(p, i, 1) == "^") { singles[++count] = "^"; i++ }
                else {
                    if (substr(p, i, 1) == "!") { negated = 1; i++ }
                    if (substr(p, i, 1) == "-") { singles[++count] = "-"; i++ }
                }
                hasRangeStart = 0
                closed = 0
                n = length(p)
                while (i <= n) {
                    c = character(p, i)
                    i += length(c)
                    if (c == "]") { closed = 1; break }
                    if (c == "/") fail("the glob " pattern " has an explicit name separator / in [...]")
                    if (c == "-") {
                        if (!hasRangeStart) fail("the glob " pattern " has an invalid range in [...]")
                        d = character(p, i)
                        i += length(d)
                        if (d == "" || d == "]") { singles[++count] = "-"; closed = (d == "]"); break }
                        if (length(d) > 1 || length(last) > 1) fail("the glob " pattern " has a range of non-ASCII characters in [...], which codebuild-hash-files does not support")
                        if (ord[d] < ord[last]) fail("the glob " pattern " has an invalid range in [...]")
                        count--
                        for (code = ord[last]; code <= ord[d]; code++) if (code != 47) singles[++count] = chr[code]
                        hasRangeStart = 0
                    } else {
                        singles[++count] = c
                        hasRangeStart = 1
                        last = c
                    }
                }
                if (!closed) fail("the glob " pattern " has [ without ]")
                if (count == 0) fail("the glob " pattern " has an empty [...]")
                split("", set)
                content = multibyte = ""
                hasDash = hasCaret = hasBracket = 0
                for (k = 1; k <= count; k++) {
                    c = singles[k]
                    if (c in set) continue
                    set[c] = 1
                    if (c == "-") hasDash = 1
                    else if (c == "^") hasCaret = 1
                    else if (c == "]") hasBracket = 1
                    else if (c == "\\\\") content = content "\\\\\\\\"
                    else if (length(c) > 1) multibyte = multibyte "|" c
                    else content = content c
                }
                if (negated && multibyte != "") fail("the glob " pattern " has a non-ASCII character inside [!...], which codebuild-hash-files does not support")
                if (negated) {
                    # Not /, not a listed character; a multi-byte character is never listed.
                    emit("([^" (hasBracket ? "]" : "") "/" content (hasCaret ? "^" : "") "\\200-\\377" (hasDash ? "-" : "") "]|[\\300-\\377][\\200-\\277]+)")
                    return i
                }
                if (content == "" && !hasBracket && !hasCaret && !hasDash) set_ = ""
                else if (content == "" && !hasBracket && hasCaret && !hasDash) set_ = "\\\\^"
                else if (content == "" && !hasBracket && hasCaret) set_ = "[-^]"
                else set_ = "[" (hasBracket ? "]" : "") content (hasCaret ? "^" : "") (hasDash ? "-" : "") "]"
                # A non-ASCII character is several bytes: an alternative of its own.
                emit(multibyte == "" ? set_ : "(" (set_ == "" ? substr(multibyte, 2) : set_ multibyte) ")")
                return i
            }
            # The glob as an ERE, as the JDK translates glob: patterns, with a **/ at the start of a name optional.
            function translate(pattern,    p, i, n, c, next1, optionalLeft) {
                p = pattern
                regex = "^"
                inGroup = 0
                optionalLeft = 6
                n = length(p)
                i = 1
                while (i <= n) {
                    c = substr(p, i, 1)
                    if (c == "\\\\") {
                        if (i == n) fail("the glob " pattern " ends with \\\\, which escapes nothing")
                        c = character(p, i + 1)
                        emit(length(c) > 1 ? c : literal(c))
                        i += 1 + length(c)
                    } else if (c == "[") {
                        i = translateClass(p, i + 1, pattern)
                    } else if (c == "{") {
                        if (inGroup) fail("the glob " pattern " nests {...} groups")
                        inGroup = 1
                        alternative = groupText = ""
                        groupOptional = 0
                        i++
                    } else if (c == "}" && inGroup) {
                        endAlternative()
                        inGroup = 0
                        if (groupText != "") regex = regex "(" groupText ")" (groupOptional ? "?" : "")
                        i++
                    } else if (c == "," && inGroup) {
                        endAlternative()
                        i++
                    } else if (c == "*") {
                        next1 = substr(p, i + 1, 1)
                        if (next1 == "*" && substr(p, i + 2, 1) == "/" && (i == 1 || substr(p, i - 1, 1) == "/") && optionalLeft > 0) {
                            emit("(.*/)?")
                            optionalLeft--
                            i += 3
                        } else if (next1 == "*") {
                            emit(".*")
                            i += 2
                        } else {
                            emit("[^/]*")
                            i++
                        }
                    } else if (c == "?") {
                        emit("([^/\\200-\\377]|[\\300-\\377][\\200-\\277]+)")
                        i++
                    } else {
                        emit(literal(c))
                        i++
                    }
                }
                if (inGroup) fail("the glob " pattern " has { without }")
                return regex "$"
            }
            # A plain path as FileCollector resolves it: ., .. and empty names removed; "" if it leaves the directory.
            function normalized(p,    names, n, k, out, depth, kept) {
                n = split(p, names, "/")
                depth = 0
                for (k = 1; k <= n; k++) {
                    if (names[k] == "" || names[k] == ".") continue
                    if (names[k] == "..") { if (depth == 0) return ""; depth--; continue }
                    kept[++depth] = names[k]
                }
                out = ""
                for (k = 1; k <= depth; k++) out = out (k > 1 ? "/" : "") kept[k]
                return out
            }
            BEGIN {
                for (k = 1; k < 128; k++) { chr[k] = sprintf("%c", k); ord[chr[k]] = k }
                count = 0
                for (a = 1; a < ARGC; a++) {
                    p = original = ARGV[a]
                    delete ARGV[a]
                    gsub(/^[ \\t\\r\\n\\f\\v]+|[ \\t\\r\\n\\f\\v]+$/, "", p)
                    while (substr(p, 1, 2) == "./") p = substr(p, 3)
                    if (substr(p, 1, 1) == "/") fail("the glob " original " is absolute; write it relative to the current directory")
                    if (p ~ /\\/$/) { sub(/\\/+$/, "", p); p = p "/**" }
                    if (p == "" || p == ".") fail("a glob is empty")
                    count++
                    if (p ~ /[*?[{\\\\]/) { isGlob[count] = 1; pattern[count] = translate(p) }
                    else { isGlob[count] = 0; pattern[count] = p; plain[count] = normalized(p) }
                }
                if (check) exit 0
            }
            {
                for (k = 1; k <= count; k++) {
                    if (isGlob[k] ? $0 ~ pattern[k] : ($0 == plain[k] || index($0, pattern[k] "/") == 1)) { print; next }
                }
            }
            END { if (failed) exit 2 }
            '
            LC_ALL=C awk -v check=1 "$program" "$@" </dev/null || exit 2
            find -L . -type f 2>/dev/null | sed 's|^\\./||' | LC_ALL=C sort | LC_ALL=C awk "$program" "$@" \\
                | while IFS= read -r file; do cat -- "$file"; done | digest | cut -d ' ' -f 1
            """;

    private HashFilesTool() {}
}
