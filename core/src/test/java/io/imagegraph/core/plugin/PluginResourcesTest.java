package io.imagegraph.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin's Jelly views, checked where CI runs (the plugin itself builds only where the Jenkins
 * repository is reachable). Stapler reads {@code (} in {@code ${%…}} as the start of message
 * arguments, which broke Manage Jenkins › System for every plugin, and MessageFormat drops a lone
 * {@code '}. And every form field needs its {@code help-<field>.html} beside the form.
 */
class PluginResourcesTest {

    private static final Path RESOURCES = Path.of("..", "plugin", "src", "main", "resources");
    private static final Pattern LOCALIZED = Pattern.compile("\\$\\{%([^}]*)}");
    private static final Pattern FIELD = Pattern.compile("<f:[a-zA-Z]+[^>]*\\sfield=\"([^\"]+)\"");
    private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

    private static List<Path> jellyFiles() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(file -> file.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    @Test
    void theTestFindsThePluginsViews() throws IOException {
        assertThat(jellyFiles()).as("jelly files under " + RESOURCES.toAbsolutePath()).hasSizeGreaterThan(10);
    }

    @Test
    void noLocalizedTextHoldsAParenthesisOrALoneQuote() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path file : jellyFiles()) {
            Matcher text = LOCALIZED.matcher(Files.readString(file));
            while (text.find()) {
                String message = text.group(1);
                if (message.contains("(") || message.contains(")") || LONE_QUOTE.matcher(message).find()) {
                    bad.add(RESOURCES.relativize(file) + ": ${%" + message + "}");
                }
            }
        }
        assertThat(bad).as("rephrase these without ( ) or ': Stapler takes ( as message arguments, MessageFormat"
                + " drops a lone '").isEmpty();
    }

    @Test
    void everyFormFieldHasItsHelpFile() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path file : jellyFiles()) {
            if (!file.getFileName().toString().equals("config.jelly")) {
                continue;
            }
            Matcher field = FIELD.matcher(Files.readString(file));
            while (field.find()) {
                Path help = file.resolveSibling("help-" + field.group(1) + ".html");
                if (!Files.isRegularFile(help)) {
                    missing.add(RESOURCES.relativize(help).toString());
                }
            }
        }
        assertThat(missing).as("the help of these form fields").isEmpty();
    }

    @Test
    void theLoneQuoteRuleTellsEscapedFromUnescaped() {
        assertThat(LONE_QUOTE.matcher("the run''s images").find()).isFalse();
        assertThat(LONE_QUOTE.matcher("the run's images").find()).isTrue();
    }
}
