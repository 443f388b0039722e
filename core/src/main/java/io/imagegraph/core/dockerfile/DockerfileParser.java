package io.imagegraph.core.dockerfile;

import io.imagegraph.core.graph.NameSuggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile into instructions by BuildKit's rules: parser directives only at the very top,
 * comments only where a line starts with {@code #}, continuation by the escape character at the end
 * of a line (comment and blank lines inside a continuation are skipped), and heredoc bodies
 * ({@code <<EOF}, {@code <<-EOF}, quoted terminators) on RUN, COPY and ADD kept out of the parse.
 * A heredoc is only where BuildKit sees one: a whole word starting with {@code <<} once the line is
 * split as a shell would, so {@code "<<EOF"}, {@code \<<EOF}, {@code cat<<EOF} and the exec form
 * are none. Unknown instructions and flags are errors, as they are for BuildKit.
 */
public final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*$");
    private static final Set<String> KNOWN_DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");
    private static final Pattern HEREDOC_WORD = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$", Pattern.DOTALL);
    private static final Set<String> INSTRUCTIONS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");
    /** Heredoc words longer than this are not read as heredocs (no real terminator is this long). */
    private static final int WORD_LIMIT = 1 << 20;
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
            if (!INSTRUCTIONS.contains(name)) {
                throw new DockerfileSyntaxException(startLine, "unknown instruction " + Words.abbreviate(keyword.group(1))
                        + NameSuggestion.hint(name, INSTRUCTIONS) + "; instructions are " + String.join(", ", new TreeSet<>(INSTRUCTIONS)));
            }
            String args = keyword.group(2) == null ? "" : keyword.group(2).strip();
            BuilderFlags.Split split = BuilderFlags.extract(args, escape);
            BuilderFlags.check(name, split.flags(), startLine);
            List<String> heredocs = new ArrayList<>();
            if (canContainHeredoc(name, split.rest()) && logical.indexOf("<<") >= 0) {
                index = readHeredocs(lines, index, logical.toString(), startLine, heredocs);
            }
            instructions.add(new Instruction(name, args, startLine, endLine, heredocs, split.flags(), split.rest()));
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

    /** RUN, COPY and ADD (also as an ONBUILD trigger), unless written in the exec (JSON) form. */
    private static boolean canContainHeredoc(String keyword, String rest) {
        String name = keyword;
        String operands = rest;
        if (keyword.equals("ONBUILD")) {
            Matcher trigger = KEYWORD.matcher(rest);
            if (!trigger.matches()) {
                return false;
            }
            name = trigger.group(1).toUpperCase(Locale.ROOT);
            operands = trigger.group(2) == null ? "" : trigger.group(2).strip();
        }
        return HEREDOC_INSTRUCTIONS.contains(name) && !ExecForm.isJson(operands);
    }

    /**
     * Reads the bodies of the heredocs the logical line starts, as BuildKit finds them: the line is
     * split into words keeping quotes and escapes, and each word of the form {@code <<WORD},
     * {@code <<-WORD} or {@code 2<<WORD} is one, its terminator the word with quotes removed.
     */
    private static int readHeredocs(String[] lines, int index, String line, int startLine, List<String> bodies)
            throws DockerfileSyntaxException {
        List<String> words;
        try {
            words = ShellLexer.raw(WORD_LIMIT).process(line, Map.of()).words();
        } catch (ExpansionException e) {
            return index;
        }
        int next = index;
        for (String word : words) {
            Matcher m = HEREDOC_WORD.matcher(word);
            if (!m.matches() || m.group(3).isEmpty()) {
                continue;
            }
            Optional<String> terminator = terminator(m.group(3), startLine);
            if (terminator.isEmpty()) {
                continue;
            }
            boolean stripTabs = !m.group(2).isEmpty();
            StringBuilder body = new StringBuilder();
            boolean closed = false;
            while (next < lines.length) {
                String raw = lines[next++];
                String candidate = stripTabs ? raw.replaceFirst("^\t+", "") : raw;
                if (candidate.equals(terminator.get())) {
                    closed = true;
                    break;
                }
                body.append(candidate).append('\n');
            }
            if (!closed) {
                throw new DockerfileSyntaxException(startLine,
                        "the heredoc <<" + terminator.get() + " is never closed by a line '" + terminator.get() + "'");
            }
            bodies.add(body.toString());
        }
        return next;
    }

    /** The terminator of a heredoc word: one shell word with its quotes removed, or none. */
    private static Optional<String> terminator(String rest, int line) throws DockerfileSyntaxException {
        try {
            List<String> words = ShellLexer.terminator(false, WORD_LIMIT).process(rest, Map.of()).words();
            return words.size() == 1 ? Optional.of(words.get(0)) : Optional.empty();
        } catch (ExpansionException e) {
            throw new DockerfileSyntaxException(line, "the heredoc <<" + rest + " cannot be read: " + e.getMessage());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
