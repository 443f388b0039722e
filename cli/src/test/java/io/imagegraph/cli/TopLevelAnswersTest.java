package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopLevelAnswersTest {

    private static String[] words(String commandLine) {
        return commandLine.isEmpty() ? new String[0] : commandLine.split(" ");
    }

    /** What {@link TopLevelAnswers#answer} prints, as a run would report it; exit -1 when it leaves it to picocli. */
    private static CliRun answered(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TopLevelAnswers.answer(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theRecordBuiltIntoTheClasses_isWhatPicocliPrintsNow() throws IOException {
        Properties recorded = new Properties();
        try (InputStream in = TopLevelAnswers.class.getResourceAsStream(TopLevelAnswers.RESOURCE)) {
            assertThat(in).as(TopLevelAnswers.RESOURCE + " written by the build").isNotNull();
            recorded.load(in);
        }
        assertThat(recorded).isEqualTo(TopLevelAnswersWriter.answers());
        assertThat(recorded).hasSize(TopLevelAnswers.COMMAND_LINES.size() * 2 * 3);
    }

    @Test
    void theRecord_hasNoTimeStamp_andItsKeysInOrder_soEveryBuildWritesTheSameFile() throws IOException {
        String text;
        try (InputStream in = TopLevelAnswers.class.getResourceAsStream(TopLevelAnswers.RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(text).as("the file the build wrote").isEqualTo(TopLevelAnswersWriter.text(TopLevelAnswersWriter.answers()));
        List<String> lines = text.lines().toList();
        assertThat(lines.stream().filter(line -> line.startsWith("#"))).as("one comment, no date")
                .containsExactly("# what picocli prints for these command lines; written by TopLevelAnswersWriter");
        assertThat(lines.subList(1, lines.size())).isSorted();
    }

    @Test
    void eachAnswer_isThePicocliRunOfThatCommandLine_outErrAndExitCode() {
        for (String commandLine : TopLevelAnswers.COMMAND_LINES) {
            assertThat(answered(words(commandLine))).as("[%s]", commandLine).isEqualTo(CliRun.of(words(commandLine)));
        }
        assertThat(CliRun.of("--help").out()).contains("Usage: imagegraph [-hV] [COMMAND]");
        assertThat(CliRun.of().err()).startsWith("name a command, such as: imagegraph plan");
    }

    @Test
    void colouredAnswers_arePicocliInColour() {
        StringWriter out = new StringWriter();
        int exit = TopLevelAnswersWriter.render(out, new StringWriter(), true, "--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("\u001B[1mplan\u001B[21m").isEqualTo(TopLevelAnswersWriter.answers()
                .getProperty(TopLevelAnswers.key("--help", true) + "out").replace("\n", System.lineSeparator()));
    }

    @Test
    void anyOtherCommandLine_isLeftToPicocli() {
        for (String[] args : new String[][] {{"plan"}, {"-hV"}, {"--help", "plan"}, {"help"}, {"--unknown"}, {"-h", "-V"}}) {
            CliRun run = answered(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(-1);
            assertThat(run.out() + run.err()).isEmpty();
        }
    }

    @Test
    void aPicocliSystemProperty_leavesTheAnswerToPicocli() {
        System.setProperty("picocli.usage.width", "120");
        try {
            assertThat(answered("--help").exitCode()).isEqualTo(-1);
        } finally {
            System.clearProperty("picocli.usage.width");
        }
        assertThat(answered("--help").exitCode()).isZero();
    }

    @Test
    void theMainClass_answersInAProcessOfItsOwn_asPicocliDoes(@TempDir Path dir) throws Exception {
        for (String commandLine : new String[] {"--help", "", "-V"}) {
            CliRun expected = CliRun.of(words(commandLine));
            try (CliProcess process = CliProcess.start(dir.resolve("run" + commandLine), Map.of(), words(commandLine))) {
                assertThat(process.exitCode(Duration.ofSeconds(60))).as("[%s]", commandLine).isEqualTo(expected.exitCode());
                assertThat(process.out()).as("[%s]", commandLine).isEqualTo(expected.out());
                assertThat(process.err()).as("[%s]", commandLine).isEqualTo(expected.err());
            }
        }
    }
}
