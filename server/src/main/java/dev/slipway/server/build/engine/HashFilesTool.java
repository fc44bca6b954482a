package dev.slipway.server.build.engine;

/**
 * The {@code codebuild-hash-files} command that build commands and {@code cache.key} can call, as in CodeBuild:
 * {@code codebuild-hash-files <glob>…} prints the SHA-256 over the contents of the files (below the current
 * directory) that match any of the globs, concatenated in path order. POSIX sh, so it works in any environment
 * with {@code find}, {@code sort} and one of {@code sha256sum}, {@code shasum} or {@code openssl}.
 *
 * <p>Globs use the shell's {@code case} matching, where {@code *} also matches {@code /}; a leading
 * {@code **}{@code /} also matches files at the top level. No file matching gives the hash of nothing.
 */
final class HashFilesTool
{
    static final String NAME = "codebuild-hash-files";

    static final String SCRIPT = """
            #!/bin/sh
            # codebuild-hash-files GLOB...: SHA-256 over the contents of the matching files, in path order.
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
            find . -type f 2>/dev/null | sed 's|^\\./||' | LC_ALL=C sort | while IFS= read -r file; do
                for pattern in "$@"; do
                    pattern=${pattern#./}
                    case "$file" in
                        $pattern) printf '%s\\n' "$file"; break ;;
                    esac
                    case "$pattern" in
                        '**/'*)
                            case "$file" in
                                ${pattern#'**/'}) printf '%s\\n' "$file"; break ;;
                            esac ;;
                    esac
                done
            done | while IFS= read -r file; do cat -- "$file"; done | digest | cut -d ' ' -f 1
            """;

    private HashFilesTool() {}
}
