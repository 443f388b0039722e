package io.imagegraph.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Help.Ansi;

/**
 * The answers to {@code imagegraph}, {@code imagegraph --help} (or {@code -h}) and {@code imagegraph
 * --version} (or {@code -V}) without picocli's model: building it (reflection over the annotations
 * of the root command, its mixins and the command list) cost more than the rest of such a start.
 * {@link TopLevelAnswersWriter} recorded at build time what picocli prints for each, with and
 * without colours, into {@value #RESOURCE}; here the one that picocli would print now is copied out.
 * Any other command line, a {@code picocli.*} system property (width, colours) or a missing
 * resource leaves the answer to picocli.
 */
final class TopLevelAnswers {

    static final String RESOURCE = "top-level-answers.properties";

    /** The command lines answered here, each as its arguments joined by spaces. */
    static final List<String> COMMAND_LINES = List.of("", "--help", "-h", "--version", "-V");

    private TopLevelAnswers() {
    }

    /** Prints the recorded answer to {@code args} and returns its exit code, or -1 when picocli must answer. */
    static int answer(PrintStream out, PrintStream err, String... args) {
        String key = String.join(" ", args);
        if (!COMMAND_LINES.contains(key) || picocliConfigured()) {
            return -1;
        }
        Properties answers = recorded();
        String prefix = key(key, Ansi.AUTO.enabled());
        String exit = answers.getProperty(prefix + "exit");
        if (exit == null) {
            return -1;
        }
        print(out, answers.getProperty(prefix + "out", ""));
        print(err, answers.getProperty(prefix + "err", ""));
        return Integer.parseInt(exit);
    }

    /** The prefix of the keys of one answer: the command line, then whether it is in colour. */
    static String key(String commandLine, boolean colours) {
        return "[" + commandLine + "]." + (colours ? "ansi" : "plain") + ".";
    }

    private static boolean picocliConfigured() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }

    private static Properties recorded() {
        Properties answers = new Properties();
        try (InputStream in = TopLevelAnswers.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                answers.load(in);
            }
        } catch (IOException unreadable) {
            answers.clear(); // picocli answers instead
        }
        return answers;
    }

    private static void print(PrintStream stream, String recorded) {
        if (!recorded.isEmpty()) {
            byte[] text = recorded.replace("\n", System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            stream.write(text, 0, text.length);
            stream.flush();
        }
    }
}
