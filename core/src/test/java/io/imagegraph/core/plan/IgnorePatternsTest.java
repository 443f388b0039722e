package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnorePatternsTest {

    private static IgnorePatterns of(String content) {
        try {
            return IgnorePatterns.parse(content);
        } catch (InvalidIgnorePatternException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void star_doesNotCrossDirectories() {
        IgnorePatterns ignore = of("*.log\n");
        assertThat(ignore.matches("a.log")).isTrue();
        assertThat(ignore.matches("dir/a.log")).isFalse();
    }

    @Test
    void doubleStar_matchesAnyDepth() {
        IgnorePatterns ignore = of("**/*.pyc\n");
        assertThat(ignore.matches("a.pyc")).isTrue();
        assertThat(ignore.matches("x/y/z.pyc")).isTrue();
        assertThat(ignore.matches("x/y/z.py")).isFalse();
    }

    @Test
    void directoryPattern_matchesEverythingUnderIt() {
        IgnorePatterns ignore = of("docs\n");
        assertThat(ignore.matches("docs/guide/index.md")).isTrue();
        assertThat(ignore.matches("docsx")).isFalse();
    }

    @Test
    void exception_reincludesAndLastMatchWins() {
        IgnorePatterns ignore = of("*.md\n!README.md\nREADME*.md\n!README-keep.md\n");
        assertThat(ignore.matches("CHANGES.md")).isTrue();
        assertThat(ignore.matches("README.md")).isTrue();
        assertThat(ignore.matches("README-keep.md")).isFalse();
        assertThat(ignore.hasExclusions()).isTrue();
    }

    @Test
    void commentsBlankLinesLeadingSlashAndDots_areNormalised() {
        IgnorePatterns ignore = of("# comment\n\n/build/\n./tmp//cache\n");
        assertThat(ignore.matches("build/out")).isTrue();
        assertThat(ignore.matches("tmp/cache/x")).isTrue();
        assertThat(ignore.matches("# comment")).isFalse();
    }

    @Test
    void questionMarkAndCharacterClass() {
        IgnorePatterns ignore = of("file?.txt\nlog[0-9].txt\nx[^a].c\n");
        assertThat(ignore.matches("file1.txt")).isTrue();
        assertThat(ignore.matches("file/.txt")).isFalse();
        assertThat(ignore.matches("log7.txt")).isTrue();
        assertThat(ignore.matches("loga.txt")).isFalse();
        assertThat(ignore.matches("xb.c")).isTrue();
        assertThat(ignore.matches("xa.c")).isFalse();
    }

    @Test
    void regexCharacters_areLiteral() {
        IgnorePatterns ignore = of("a+b(1).txt\n");
        assertThat(ignore.matches("a+b(1).txt")).isTrue();
        assertThat(ignore.matches("aab1.txt")).isFalse();
    }

    @Test
    void of_list_worksAsWatchPatterns() throws Exception {
        IgnorePatterns watch = IgnorePatterns.of(List.of("release/**", "tools/build.sh"));
        assertThat(watch.matches("release/NOTES")).isTrue();
        assertThat(watch.matches("tools/build.sh")).isTrue();
        assertThat(watch.matches("tools/other.sh")).isFalse();
    }

    @Test
    void none_matchesNothing() {
        assertThat(IgnorePatterns.none().matches("anything")).isFalse();
        assertThat(IgnorePatterns.none().isEmpty()).isTrue();
    }

    @Test
    void clean_behavesLikeGo() {
        assertThat(IgnorePatterns.clean("a//b/./c/..")).isEqualTo("a/b");
        assertThat(IgnorePatterns.clean("../x")).isEqualTo("../x");
        assertThat(IgnorePatterns.clean("./")).isEqualTo(".");
    }

    @Test
    void parse_invalidRange_namesTheFileAndLine() {
        assertThatThrownBy(() -> IgnorePatterns.parse("# comment\n*.md\n[z-a]\n", "images/a/.dockerignore"))
                .isInstanceOf(InvalidIgnorePatternException.class)
                .hasMessage("images/a/.dockerignore line 3: '[z-a]' is not a valid pattern (illegal character range);"
                        + " fix or remove it");
    }

    @Test
    void of_invalidWatchPattern_namesTheEntry() {
        assertThatThrownBy(() -> IgnorePatterns.of(List.of("ok/**", "[9-0]"), "the watch list of image 'a'"))
                .hasMessageStartingWith("the watch list of image 'a', entry 2: '[9-0]' is not a valid pattern");
    }
}
