package io.imagegraph.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;

/**
 * Records, at build time, what picocli prints for each of {@link TopLevelAnswers#COMMAND_LINES},
 * with colours and without, so that {@link TopLevelAnswers} can print it without picocli's model.
 * Run by the build (exec-maven-plugin, process-classes) with the classes folder as its argument.
 */
public final class TopLevelAnswersWriter {

    private TopLevelAnswersWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0], TopLevelAnswers.class.getPackageName().replace('.', '/'), TopLevelAnswers.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(answers()), StandardCharsets.ISO_8859_1);
    }

    /**
     * The answers as a properties file, keys in order and without the time stamp that
     * {@link Properties#store} writes, so that two builds of the same sources make the same jar.
     */
    static String text(Properties answers) throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        answers.store(stored, null); // escaped as a properties file read from bytes needs; one line a key
        String entries = stored.toString(StandardCharsets.ISO_8859_1).lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        return "# what picocli prints for these command lines; written by TopLevelAnswersWriter\n" + entries;
    }

    /** Every recorded answer, under the keys {@link TopLevelAnswers#key} gives. */
    static Properties answers() {
        Properties answers = new Properties();
        for (String commandLine : TopLevelAnswers.COMMAND_LINES) {
            for (boolean colours : new boolean[] {false, true}) {
                String prefix = TopLevelAnswers.key(commandLine, colours);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int exit = render(out, err, colours, commandLine.isEmpty() ? new String[0] : commandLine.split(" "));
                answers.setProperty(prefix + "exit", Integer.toString(exit));
                answers.setProperty(prefix + "out", normalized(out));
                answers.setProperty(prefix + "err", normalized(err));
            }
        }
        return answers;
    }

    /** Runs {@code args} the normal way, through picocli, in colour or not. */
    static int render(StringWriter out, StringWriter err, boolean colours, String... args) {
        CommandLine commandLine = ImageGraphCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args);
        commandLine.setColorScheme(Help.defaultColorScheme(colours ? Ansi.ON : Ansi.OFF));
        return commandLine.execute(args);
    }

    private static String normalized(StringWriter text) {
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
