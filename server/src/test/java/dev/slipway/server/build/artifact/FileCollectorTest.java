package dev.slipway.server.build.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileCollectorTest
{
    @TempDir
    Path root;

    @BeforeEach
    void tree()
            throws IOException
    {
        for (String file : List.of("README.md", ".env", "src/Main.java", "src/util/Strings.java", "src/.hidden/secret.txt",
                ".git/config", "target/app.jar", "target/classes/Main.class", "my-build1/a.txt", "my-build1/sub/b.txt",
                "my-build2/c.txt", "other/d.txt", "docs/site/index.html")) {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file);
        }
        Files.createDirectories(root.resolve("empty/nested"));
    }

    private List<String> collect(ArtifactSpec spec)
            throws IOException
    {
        return FileCollector.collect(root, spec).files().stream().map(CollectedFile::archivePath).toList();
    }

    private List<String> files(String... patterns)
            throws IOException
    {
        return collect(ArtifactSpec.of(List.of(patterns)));
    }

    @Test
    void doubleStarSlashStarMatchesEveryFileIncludingDotFilesAndDotDirectories()
            throws IOException
    {
        assertThat(files("**/*")).containsExactly(".env", ".git/config", "README.md", "docs/site/index.html", "my-build1/a.txt",
                "my-build1/sub/b.txt", "my-build2/c.txt", "other/d.txt", "src/.hidden/secret.txt", "src/Main.java", "src/util/Strings.java",
                "target/app.jar", "target/classes/Main.class");
    }

    @Test
    void directoryStarMatchesOnlyDirectChildren()
            throws IOException
    {
        assertThat(files("target/*")).containsExactly("target/app.jar");
        assertThat(files("src/*")).containsExactly("src/Main.java");
    }

    @Test
    void directoryDoubleStarMatchesRecursively()
            throws IOException
    {
        assertThat(files("src/**/*")).containsExactly("src/.hidden/secret.txt", "src/Main.java", "src/util/Strings.java");
        assertThat(files("src/**")).containsExactly("src/.hidden/secret.txt", "src/Main.java", "src/util/Strings.java");
    }

    @Test
    void plainPathMatchesThatFileAndLeadingDotSlashIsIgnored()
            throws IOException
    {
        assertThat(files("target/app.jar")).containsExactly("target/app.jar");
        assertThat(files("./README.md")).containsExactly("README.md");
        assertThat(files("no/such/file")).isEmpty();
    }

    @Test
    void plainPathNamingADirectoryTakesEverythingBelowIt()
            throws IOException
    {
        assertThat(files("target")).containsExactly("target/app.jar", "target/classes/Main.class");
        assertThat(files("target/")).containsExactly("target/app.jar", "target/classes/Main.class");
    }

    @Test
    void globsInTheMiddleAndNamePatterns()
            throws IOException
    {
        assertThat(files("**/*.java")).containsExactly("src/Main.java", "src/util/Strings.java");
        assertThat(files("*/*.txt")).containsExactly("my-build1/a.txt", "my-build2/c.txt", "other/d.txt");
        assertThat(files("src/**/Strings.java")).containsExactly("src/util/Strings.java");
        assertThat(files("**/Main.*")).containsExactly("src/Main.java", "target/classes/Main.class");
        assertThat(files("{README.md,.env}")).containsExactly(".env", "README.md");
        assertThat(files("my-build?/*.txt")).containsExactly("my-build1/a.txt", "my-build2/c.txt");
    }

    @Test
    void emptyDirectoriesAreNeverSelected()
            throws IOException
    {
        assertThat(files("empty/**/*", "empty")).isEmpty();
    }

    @Test
    void overlappingPatternsSelectAFileOnce()
            throws IOException
    {
        assertThat(files("target/*", "target/**/*", "target/app.jar")).containsExactly("target/app.jar", "target/classes/Main.class");
    }

    @Test
    void baseDirectoryTakesPathsRelativeToItAndNotTheDirectoryItself()
            throws IOException
    {
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.of("docs/site"), false, List.of(), false))).containsExactly("index.html");
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.of("target"), false, List.of(), false))).containsExactly("app.jar", "classes/Main.class");
    }

    @Test
    void baseDirectoryGlobMergesTheContentsOfEveryMatchingTopLevelDirectory()
            throws IOException
    {
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.of("my-build*"), false, List.of(), false)))
                .containsExactly("a.txt", "c.txt", "sub/b.txt");
        assertThat(collect(new ArtifactSpec(List.of("*.txt"), Optional.of("my-build*"), false, List.of(), false)))
                .containsExactly("a.txt", "c.txt");
    }

    @Test
    void baseDirectoryThatDoesNotExistSelectsNothing()
            throws IOException
    {
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.of("build/out"), false, List.of(), false))).isEmpty();
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.of("nothing-*"), false, List.of(), false))).isEmpty();
    }

    @Test
    void discardPathsKeepsFileNamesAndTheFirstOfSameNamedFiles()
            throws IOException
    {
        CollectedFiles collected = FileCollector.collect(root, new ArtifactSpec(List.of("**/Main.*", "**/*.txt"), Optional.empty(), true, List.of(), false));

        assertThat(collected.files()).extracting(CollectedFile::archivePath).containsExactly("Main.class", "Main.java", "a.txt", "b.txt", "c.txt", "d.txt", "secret.txt");
        assertThat(collected.warnings()).isEmpty();
        Files.writeString(root.resolve("other/a.txt"), "clash");
        CollectedFiles clashing = FileCollector.collect(root, new ArtifactSpec(List.of("**/a.txt"), Optional.empty(), true, List.of(), false));
        assertThat(clashing.files()).singleElement().satisfies(file -> assertThat(file.source()).isEqualTo(root.resolve("my-build1/a.txt")));
        assertThat(clashing.warnings()).singleElement().satisfies(warning -> assertThat(warning).contains("other/a.txt"));
    }

    @Test
    void excludePathsStarStaysInOneNameAndDoubleStarCrossesDirectories()
            throws IOException
    {
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.empty(), false, List.of("**/.*"), false)))
                .doesNotContain(".env").contains(".git/config", "src/.hidden/secret.txt");
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.empty(), false, List.of("**/.*/**/*"), false)))
                .doesNotContain(".git/config", "src/.hidden/secret.txt").contains(".env");
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.empty(), false, List.of("target/*"), false)))
                .doesNotContain("target/app.jar").contains("target/classes/Main.class");
        assertThat(collect(new ArtifactSpec(List.of("**/*"), Optional.of("my-build1"), false, List.of("sub/**"), false)))
                .containsExactly("a.txt");
    }

    @Test
    void symlinksAreFollowedUnlessEnableSymlinksKeepsThemAsLinks()
            throws IOException
    {
        Files.createSymbolicLink(root.resolve("target/latest.jar"), Path.of("app.jar"));
        Files.createSymbolicLink(root.resolve("target/dangling"), Path.of("missing"));
        Files.createSymbolicLink(root.resolve("linked-src"), root.resolve("src"));

        CollectedFiles followed = FileCollector.collect(root, ArtifactSpec.of(List.of("target/*", "linked-src/*")));
        assertThat(followed.files()).extracting(CollectedFile::archivePath).containsExactly("linked-src/Main.java", "target/app.jar", "target/latest.jar");
        assertThat(followed.files()).noneMatch(CollectedFile::isSymlink);
        assertThat(followed.warnings()).singleElement().satisfies(warning -> assertThat(warning).contains("target/dangling"));

        CollectedFiles kept = FileCollector.collect(root, new ArtifactSpec(List.of("target/*", "linked-src"), Optional.empty(), false, List.of(), true));
        assertThat(kept.files()).filteredOn(CollectedFile::isSymlink).extracting(CollectedFile::archivePath, file -> file.linkTarget().orElseThrow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("linked-src", root.resolve("src").toString()),
                        org.assertj.core.groups.Tuple.tuple("target/dangling", "missing"),
                        org.assertj.core.groups.Tuple.tuple("target/latest.jar", "app.jar"));
    }

    @Test
    void symlinkLoopIsSkippedWithAWarning()
            throws IOException
    {
        Files.createSymbolicLink(root.resolve("src/loop"), root.resolve("src"));
        CollectedFiles collected = FileCollector.collect(root, ArtifactSpec.of(List.of("src/**/*")));

        assertThat(collected.files()).extracting(CollectedFile::archivePath).contains("src/Main.java");
        assertThat(collected.warnings()).anyMatch(warning -> warning.contains("loop"));
    }

    @Test
    void patternsOutsideTheRootOrAbsoluteAreRejected()
            throws IOException
    {
        assertThat(FileCollector.collect(root, ArtifactSpec.of(List.of("../outside.txt"))).files()).isEmpty();
        assertThatThrownBy(() -> files("/etc/passwd")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void doubleStarSlashMatchesZeroDirectories()
    {
        PathGlob glob = PathGlob.compile("a/**/b");
        assertThat(glob.matches("a/b")).isTrue();
        assertThat(glob.matches("a/x/y/b")).isTrue();
        assertThat(glob.matches("ab")).isFalse();
        assertThat(PathGlob.compile("**/*").matches(".env")).isTrue();
        assertThat(PathGlob.compile("*").matches("dir/file")).isFalse();
    }
}
