package io.imagegraph.core.starlingx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellCommandTextTest {

    private static String substitution(String text) {
        int end = ShellCommandText.end(text, 2, ')');
        return end < 0 ? null : text.substring(0, end);
    }

    @Test
    void end_parenthesesInQuotesAndNestedSubstitutions_doNotCloseIt() {
        assertThat(substitution("$(echo ')' \")\" $(date) `echo )`) rest")).isEqualTo(
                "$(echo ')' \")\" $(date) `echo )`)");
    }

    @Test
    void end_hereDocumentBodies_areTakenAsTheyAre() {
        String text = "$(base64 -w0 <<'EOL'\n(it's ) \"\nEOL\n) rest";
        assertThat(substitution(text)).isEqualTo("$(base64 -w0 <<'EOL'\n(it's ) \"\nEOL\n)");
    }

    @Test
    void end_tabStrippedHereDocumentAndHereString() {
        String text = "$(python3 - <<-PY\n\tprint(')')\n\tPY\ncat <<< ')'\n) rest";
        assertThat(substitution(text)).isEqualTo("$(python3 - <<-PY\n\tprint(')')\n\tPY\ncat <<< ')'\n)");
    }

    @Test
    void end_commentHoldingAParenthesis_isSkipped() {
        assertThat(substitution("$(true # not the end )\n) rest")).isEqualTo("$(true # not the end )\n)");
    }

    @Test
    void end_neverClosed_isMinusOne() {
        assertThat(ShellCommandText.end("$(cat <<EOL\nno end", 2, ')')).isEqualTo(-1);
        assertThat(ShellCommandText.end("$(echo 'open", 2, ')')).isEqualTo(-1);
    }
}
