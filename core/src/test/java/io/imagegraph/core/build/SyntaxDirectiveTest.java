package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntaxDirectiveTest {

    @Test
    void directiveAtTheTop_isRead() {
        assertThat(SyntaxDirective.of("# syntax=docker/dockerfile:1.7\nFROM scratch\n")).contains("docker/dockerfile:1.7");
        assertThat(SyntaxDirective.of("# escape=`\n#SYNTAX = quay.io/x/frontend:1\nFROM scratch\n"))
                .contains("quay.io/x/frontend:1");
    }

    @Test
    void directiveAfterAnInstructionOrAComment_isNoDirective() {
        assertThat(SyntaxDirective.of("FROM scratch\n# syntax=docker/dockerfile:1\n")).isEmpty();
        assertThat(SyntaxDirective.of("# a comment\n# syntax=docker/dockerfile:1\nFROM scratch\n")).isEmpty();
    }
}
