package io.imagegraph.core.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile into instructions by BuildKit's rules: parser directives only at the very top,
 * comments only where a line starts with {@code #}, continuation by the escape character at the end
 * of a line (comment and blank lines inside a continuation are skipped), and heredoc bodies
 * ({@code <<EOF}, {@code <<-EOF}, quoted terminators) on RUN, COPY and ADD kept out of the parse.
 */
public final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*$");
    private static final Set<String> KNOWN_DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");
    private static final Pattern HEREDOC = Pattern.compile("(?<!<)<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_.-]*)\\2");
    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
    private static final Pattern KEYWORD = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)(?:\\s+(.*))?$", Pattern.DOTALL);

    private DockerfileParser() {
    }

    public static ParsedDockerfile parse(String content) throws DockerfileSyntaxException {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = LINE_BREAK.split(text, -1);
        Map<String, String> directives = new LinkedHashMap<>();
        int index = readDirectives(lines, directives);
        char escape = escapeOf(directives);
        List<Instruction> instructions = new ArrayList<>();
        while (index < lines.length) {
            String stripped = lines[index].strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                index++;
                continue;
            }
            int startLine = index + 1;
            StringBuilder logical = new StringBuilder();
            String current = lines[index];
            index++;
            while (endsWithEscape(current, escape)) {
                String trimmed = current.stripTrailing();
                logical.append(trimmed, 0, trimmed.length() - 1);
                while (index < lines.length && isSkippedInContinuation(lines[index])) {
                    index++;
                }
                if (index >= lines.length) {
                    current = "";
                    break;
                }
                current = lines[index];
                index++;
            }
            logical.append(current);
            int endLine = index;
            Matcher keyword = KEYWORD.matcher(logical.toString().strip());
            if (!keyword.matches()) {
                throw new DockerfileSyntaxException(startLine,
                        "expected an instruction such as FROM or RUN, found '" + abbreviate(logical.toString().strip()) + "'");
            }
            String name = keyword.group(1).toUpperCase(Locale.ROOT);
            String args = keyword.group(2) == null ? "" : keyword.group(2).strip();
            List<String> heredocs = new ArrayList<>();
            if (HEREDOC_INSTRUCTIONS.contains(name)) {
                index = readHeredocs(lines, index, args, startLine, heredocs);
            }
            instructions.add(new Instruction(name, args, startLine, endLine, heredocs));
        }
        return new ParsedDockerfile(directives, escape, instructions);
    }

    private static int readDirectives(String[] lines, Map<String, String> directives) throws DockerfileSyntaxException {
        int index = 0;
        while (index < lines.length) {
            Matcher m = DIRECTIVE.matcher(lines[index].strip());
            if (!m.matches()) {
                break;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!KNOWN_DIRECTIVES.contains(name)) {
                break;
            }
            if (directives.containsKey(name)) {
                throw new DockerfileSyntaxException(index + 1, "the '" + name + "' parser directive is given twice");
            }
            directives.put(name, m.group(2));
            index++;
        }
        return index;
    }

    private static char escapeOf(Map<String, String> directives) throws DockerfileSyntaxException {
        String value = directives.getOrDefault("escape", "\\");
        if (!value.equals("\\") && !value.equals("`")) {
            throw new DockerfileSyntaxException(1, "the escape directive takes \\ or ` but was '" + value + "'");
        }
        return value.charAt(0);
    }

    private static boolean endsWithEscape(String line, char escape) {
        String trimmed = line.stripTrailing();
        return !trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == escape && !trimmed.strip().startsWith("#");
    }

    private static boolean isSkippedInContinuation(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() || stripped.startsWith("#");
    }

    private static int readHeredocs(String[] lines, int index, String args, int startLine, List<String> bodies)
            throws DockerfileSyntaxException {
        Matcher m = HEREDOC.matcher(args);
        int next = index;
        while (m.find()) {
            boolean stripTabs = !m.group(1).isEmpty();
            String terminator = m.group(3);
            StringBuilder body = new StringBuilder();
            boolean closed = false;
            while (next < lines.length) {
                String line = lines[next++];
                String candidate = stripTabs ? line.replaceFirst("^\t+", "") : line;
                if (candidate.equals(terminator)) {
                    closed = true;
                    break;
                }
                body.append(candidate).append('\n');
            }
            if (!closed) {
                throw new DockerfileSyntaxException(startLine,
                        "the heredoc <<" + terminator + " is never closed by a line '" + terminator + "'");
            }
            bodies.add(body.toString());
        }
        return next;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
