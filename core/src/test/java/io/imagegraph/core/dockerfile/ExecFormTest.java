package io.imagegraph.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecFormTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an array of strings           | ' ["sh", "-c", "echo [x]"] '
            an empty array                | []
            """)
    void isJson_execForm(String what, String operands) {
        assertThat(ExecForm.isJson(operands)).as(what).isTrue();
    }

    // BuildKit decodes the whole operand text as a JSON array of strings; anything else is the shell form
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            shell words                   | 'echo ["a"]'
            a number in the array         | '["sh", 1]'
            a nested array                | '["sh", ["nested"]]'
            text after the array          | '["sh"] && echo done'
            an unclosed array             | '["sh", "-c"'
            single quotes                 | '[''sh'']'
            bare words in brackets        | [sh]
            """)
    void isJson_shellForm(String what, String operands) {
        assertThat(ExecForm.isJson(operands)).as(what).isFalse();
    }
}
