package io.imagegraph.core.dockerfile;

import io.imagegraph.core.graph.NameSuggestion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flags each instruction takes ({@code COPY --from=…}, {@code RUN --mount=…}) and BuildKit's
 * checks on them: an unknown flag, a string flag without a value ({@code FROM --platform scratch})
 * and a flag given twice are errors, as they are when BuildKit parses the Dockerfile.
 */
final class BuilderFlags {

    private enum Type { STRING, BOOLEAN, REPEATED }

    private static final Map<String, Map<String, Type>> FLAGS = Map.ofEntries(
            Map.entry("FROM", Map.of("platform", Type.STRING)),
            Map.entry("COPY", Map.of("chown", Type.STRING, "from", Type.STRING, "chmod", Type.STRING,
                    "link", Type.BOOLEAN, "parents", Type.BOOLEAN, "exclude", Type.REPEATED)),
            Map.entry("ADD", Map.of("chown", Type.STRING, "chmod", Type.STRING, "checksum", Type.STRING,
                    "link", Type.BOOLEAN, "keep-git-dir", Type.BOOLEAN, "unpack", Type.BOOLEAN, "exclude", Type.REPEATED)),
            Map.entry("RUN", Map.of("mount", Type.REPEATED, "network", Type.STRING, "security", Type.STRING,
                    "device", Type.REPEATED)),
            Map.entry("HEALTHCHECK", Map.of("interval", Type.STRING, "timeout", Type.STRING, "start-period", Type.STRING,
                    "start-interval", Type.STRING, "retries", Type.STRING)));

    /** Instructions whose flags BuildKit never parses (so never refuses). */
    private static final Set<String> FLAGS_IGNORED = Set.of("ARG", "STOPSIGNAL");

    /** A logical line's argument text split into its leading flags and the rest. */
    record Split(List<String> flags, String rest) {
    }

    private BuilderFlags() {
    }

    /** Leading words that start with {@code --}, with quotes and escapes removed; {@code --} alone ends them. */
    static Split extract(String line, char escape) {
        List<String> flags = new ArrayList<>();
        int pos = 0;
        int length = line.length();
        while (true) {
            while (pos < length && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            if (pos >= length) {
                return new Split(flags, "");
            }
            if (!line.startsWith("--", pos)) {
                return new Split(flags, line.substring(pos).strip());
            }
            StringBuilder word = new StringBuilder();
            boolean quotedBlank = false;
            char quote = 0;
            while (pos < length) {
                char ch = line.charAt(pos);
                if (quote == 0 && Character.isWhitespace(ch)) {
                    break;
                }
                pos++;
                if (quote == 0 && (ch == '\'' || ch == '"')) {
                    quote = ch;
                    quotedBlank = true;
                    continue;
                }
                if (quote != 0 && ch == quote) {
                    quote = 0;
                    continue;
                }
                if (ch == escape) {
                    if (pos >= length) {
                        continue;
                    }
                    ch = line.charAt(pos++);
                }
                word.append(ch);
            }
            if (word.toString().equals("--")) {
                return new Split(flags, line.substring(pos).strip());
            }
            if (quotedBlank || !word.isEmpty()) {
                flags.add(word.toString());
            }
        }
    }

    /** Checks the flags of an instruction as BuildKit does; the message is BuildKit's, with a hint. */
    static void check(String keyword, List<String> flags, int line) throws DockerfileSyntaxException {
        if (FLAGS_IGNORED.contains(keyword)) {
            return;
        }
        Map<String, Type> known = FLAGS.getOrDefault(keyword, Map.of());
        Set<String> used = new HashSet<>();
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            String name = (eq < 0 ? flag : flag.substring(0, eq)).substring(2);
            boolean hasValue = eq >= 0;
            String value = hasValue ? flag.substring(eq + 1) : "";
            Type type = known.get(name);
            if (type == null) {
                throw new DockerfileSyntaxException(line, keyword + " has an unknown flag --" + Words.abbreviate(name)
                        + NameSuggestion.hint(name, known.keySet()).replace("(did you mean ", "(did you mean --")
                        + (known.isEmpty() ? " (it takes no flags)" : "; it takes: " + list(known.keySet())));
            }
            if (!used.add(name) && type != Type.REPEATED) {
                throw new DockerfileSyntaxException(line, keyword + " is given --" + name + " twice");
            }
            if (type == Type.BOOLEAN) {
                if (hasValue && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new DockerfileSyntaxException(line, keyword + " --" + name + " takes true or false, not '" + Words.abbreviate(value) + "'");
                }
            } else if (!hasValue) {
                throw new DockerfileSyntaxException(line, keyword + " --" + name + " has no value; write --" + name + "=VALUE");
            }
        }
    }

    private static String list(Set<String> names) {
        return String.join(", ", new TreeSet<>(names).stream().map(n -> "--" + n).toList());
    }
}
