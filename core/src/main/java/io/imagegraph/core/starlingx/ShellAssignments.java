package io.imagegraph.core.starlingx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a file of shell variable assignments ({@code KEY=VALUE}) as bash would source it, without
 * running anything. A value is a word: bare text, {@code '…'} (as is, over any number of lines),
 * {@code "…"} (over lines, with {@code \"}, {@code \\}, {@code \$}, {@code \`} and
 * backslash-newline as bash has them) and {@code $VAR} / {@code ${VAR}} of an assignment earlier in
 * the file expanded outside single quotes. A command substitution {@code $(…)} or {@code `…`} is
 * kept as text, to its matching end — through quotes nested in it and here-documents
 * ({@code <<'EOL'} … {@code EOL}) — and is never run. {@code #} starts a comment where a word
 * could start. Every problem is reported with its line; after a quote or substitution that is
 * never closed the rest of the file is inside it, as for bash, so nothing more is reported.
 */
final class ShellAssignments {

    /** One assignment: the value after quote removal and expansion, and the line it starts on. */
    record Assignment(String key, String value, int line) {
    }

    private final String text;
    private final Predicate<String> known;
    private final String unknownHint;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private int pos;
    private int line = 1;

    private ShellAssignments(String text, Predicate<String> known, String unknownHint) {
        this.text = text;
        this.known = known;
        this.unknownHint = unknownHint;
    }

    /**
     * @param known       which keys to keep; an assignment to another key is still read (so that
     *                    the rest of the file lines up) and reported as unknown
     * @param unknownHint what the problem for an unknown key adds, such as the known keys
     * @return the known assignments in file order; problems go to {@code problems} as {@code line N: …}
     */
    static List<Assignment> read(String text, Predicate<String> known, String unknownHint, List<String> problems) {
        ShellAssignments reader = new ShellAssignments(text, known, unknownHint);
        reader.readAll();
        problems.addAll(reader.problems);
        return reader.assignments;
    }

    private void readAll() {
        while (true) {
            skipBlanksAndComments();
            if (pos >= text.length()) {
                return;
            }
            int start = line;
            int nameEnd = pos;
            while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd), nameEnd == pos)) {
                nameEnd++;
            }
            if (nameEnd == pos || nameEnd >= text.length() || text.charAt(nameEnd) != '=') {
                int eol = text.indexOf('\n', pos);
                String rest = text.substring(pos, eol < 0 ? text.length() : eol).strip();
                problems.add("line " + start + ": '" + rest + "' is not a KEY=VALUE directive");
                pos = eol < 0 ? text.length() : eol;
                continue;
            }
            String key = text.substring(pos, nameEnd);
            pos = nameEnd + 1;
            StringBuilder value = new StringBuilder();
            if (!word(key, start, value)) {
                return;
            }
            variables.put(key, value.toString());
            if (known.test(key)) {
                assignments.add(new Assignment(key, value.toString(), start));
            } else {
                problems.add("line " + start + ": unknown directive " + key + "; " + unknownHint);
            }
        }
    }

    private void skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == ';') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            } else {
                return;
            }
        }
    }

    /** One word up to unquoted white space; false when it never ends (a problem is reported). */
    private boolean word(String key, int start, StringBuilder out) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';') {
                return true;
            }
            if (c == '\'') {
                int close = text.indexOf('\'', pos + 1);
                if (close < 0) {
                    return neverClosed("single quote", key, start);
                }
                append(out, text.substring(pos + 1, close));
                pos = close + 1;
            } else if (c == '"') {
                pos++;
                if (!doubleQuoted(key, start, out)) {
                    return false;
                }
            } else if (c == '\\') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                    line++;
                } else if (pos + 1 < text.length()) {
                    out.append(text.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '$' || c == '`') {
                if (!dollarOrBackquote(key, start, out)) {
                    return false;
                }
            } else {
                out.append(c);
                pos++;
            }
        }
        return true;
    }

    private boolean doubleQuoted(String key, int start, StringBuilder out) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return true;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char next = text.charAt(pos + 1);
                if (next == '\n') {
                    line++;
                } else if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    out.append(next);
                } else {
                    out.append(c).append(next);
                }
                pos += 2;
            } else if (c == '$' || c == '`') {
                if (!dollarOrBackquote(key, start, out)) {
                    return false;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                out.append(c);
                pos++;
            }
        }
        return neverClosed("double quote", key, start);
    }

    /** At a {@code $} or a backquote: a variable to expand, or a command substitution kept as text. */
    private boolean dollarOrBackquote(String key, int start, StringBuilder out) {
        int end;
        String what;
        if (text.startsWith("$(", pos)) {
            end = ShellCommandText.end(text, pos + 2, ')');
            what = "$( … )";
        } else if (text.charAt(pos) == '`') {
            end = ShellCommandText.end(text, pos + 1, '`');
            what = "backquote";
        } else {
            expandVariable(key, out);
            return true;
        }
        if (end < 0) {
            return neverClosed(what, key, start);
        }
        append(out, text.substring(pos, end));
        pos = end;
        return true;
    }

    private void expandVariable(String key, StringBuilder out) {
        int at = line;
        String name;
        if (text.startsWith("${", pos)) {
            int close = text.indexOf('}', pos);
            String inside = close < 0 ? "" : text.substring(pos + 2, close);
            if (close < 0 || !inside.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add("line " + at + ": " + key + " uses ${" + (close < 0 ? "" : inside) + (close < 0 ? "" : "}")
                        + ", which image-graph does not expand: only $NAME and ${NAME} of a directive set earlier");
                out.append('$');
                pos++;
                return;
            }
            name = inside;
            pos = close + 1;
        } else {
            int end = pos + 1;
            while (end < text.length() && isNameChar(text.charAt(end), end == pos + 1)) {
                end++;
            }
            if (end == pos + 1) {
                out.append('$');
                pos++;
                return;
            }
            name = text.substring(pos + 1, end);
            pos = end;
        }
        String value = variables.get(name);
        if (value == null) {
            problems.add("line " + at + ": " + key + " uses $" + name + ", which the file does not set before it");
            return;
        }
        out.append(value);
    }

    private boolean neverClosed(String what, String key, int start) {
        problems.add("line " + start + ": the " + what + " of " + key + " is never closed, so the rest of the file"
                + " would be part of its value");
        pos = text.length();
        return false;
    }

    private void append(StringBuilder out, String part) {
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) == '\n') {
                line++;
            }
        }
        out.append(part);
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }
}
