package io.imagegraph.core.starlingx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads StarlingX image build files as data — never through a shell. A file is lines of
 * {@code KEY=VALUE}: the value bare (up to a {@code #} comment), in single quotes (taken as is)
 * or in double quotes (which may continue over lines, and in which {@code $KEY} and
 * {@code ${KEY}} of an earlier directive are expanded). Comment and blank lines are skipped.
 * An unknown key, a malformed line, an unclosed quote or a variable the file does not set is a
 * problem with file and line; every problem of a file is reported, not only the first.
 */
public final class ImageBuildFileReader {

    /** The directives StarlingX's build-stx-images.sh reads, for the three builders. */
    static final Set<String> KEYS = Set.of(
            "BUILDER", "LABEL", "PROJECT", "PROJECT_REPO", "PROJECT_REF", "PROJECT_UID", "PROJECT_GID",
            "PROJECT_PIP_EXTRAS", "PROJECT_RELEASE", "PIP_PACKAGES", "PIP_ARGS", "DIST_PACKAGES", "DIST_REPOS",
            "PROFILES", "PYTHON3", "EXTRA_BINDEP", "EXTRA_PYDEP", "KEEP_ALL_WHEELS", "MIRROR_LOCAL", "SPICE_REPO",
            "SPICE_REF", "DOCKER_REPO", "DOCKER_REF", "DOCKER_CONTEXT", "DOCKER_FILE", "DOCKER_PATCHES",
            "SOURCE_REPO", "SOURCE_REF", "SOURCE_PATCHES", "COMMAND", "SCRIPT", "ARGS", "CUSTOMIZATION",
            "IMAGE_UPDATE_VER", "UPDATE_IMAGE");

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private ImageBuildFileReader() {
    }

    /**
     * @param problems receives each problem as {@code file line N: what is wrong}
     */
    public static ImageBuildFile read(Path file, List<String> problems) throws IOException {
        List<String> text = Files.readAllLines(file);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < text.size(); i++) {
            int lineNumber = i + 1;
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (!assignment.matches()) {
                problems.add(file + " line " + lineNumber + ": '" + line + "' is not a KEY=VALUE directive");
                continue;
            }
            String key = assignment.group(1);
            String rest = assignment.group(2);
            String value;
            if (rest.startsWith("\"")) {
                StringBuilder quoted = new StringBuilder(rest.substring(1));
                int close = closingQuote(quoted, 0);
                while (close < 0 && i + 1 < text.size()) {
                    if (quoted.length() > 0 && quoted.charAt(quoted.length() - 1) == '\\') {
                        quoted.setLength(quoted.length() - 1);
                    }
                    quoted.append(' ').append(text.get(++i).strip());
                    close = closingQuote(quoted, 0);
                }
                if (close < 0) {
                    problems.add(file + " line " + lineNumber + ": the double quote of " + key + " is never closed");
                    continue;
                }
                value = expand(quoted.substring(0, close).replace("\\\"", "\""), values, file, lineNumber, key,
                        problems);
            } else if (rest.startsWith("'")) {
                int close = rest.indexOf('\'', 1);
                if (close < 0) {
                    problems.add(file + " line " + lineNumber + ": the single quote of " + key + " is never closed");
                    continue;
                }
                value = rest.substring(1, close);
            } else {
                int comment = rest.indexOf(" #");
                value = expand((comment < 0 ? rest : rest.substring(0, comment)).strip(), values, file, lineNumber, key,
                        problems);
            }
            if (!KEYS.contains(key)) {
                problems.add(file + " line " + lineNumber + ": unknown directive " + key + "; StarlingX image build"
                        + " files use: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
                continue;
            }
            values.put(key, value.replaceAll("\\s+", " ").strip());
            lines.put(key, lineNumber);
        }
        return new ImageBuildFile(file, values, lines);
    }

    private static int closingQuote(CharSequence text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String expand(String value, Map<String, String> known, Path file, int line, String key,
                                 List<String> problems) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            String replacement = known.get(name);
            if (replacement == null) {
                problems.add(file + " line " + line + ": " + key + " uses $" + name + ", which the file does not set"
                        + " before it");
                replacement = "";
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(out);
        return out.toString();
    }
}
