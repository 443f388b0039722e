package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalColoursTest {

    @Test
    void strip_removesTheLegacyBuildersColourCodes_andLeavesBracketsThatAreText() {
        assertThat(TerminalColours.strip("\u001B[91m/bin/sh: \u001B[0m\u001B[91mPIP_VERSION_CONSTRAINT: unbound variable\u001B[0m"))
                .isEqualTo("/bin/sh: PIP_VERSION_CONSTRAINT: unbound variable");
        assertThat(TerminalColours.strip("[0m is text here, [1/5] too")).isEqualTo("[0m is text here, [1/5] too");
    }
}
