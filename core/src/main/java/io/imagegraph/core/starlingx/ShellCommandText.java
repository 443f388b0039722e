package io.imagegraph.core.starlingx;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a shell command substitution ends, as bash does, so that its text can be kept
 * whole without running it: through single and double quotes, nested {@code $( … )} and
 * backquotes, {@code ${…}}, comments and here-documents ({@code <<EOL}, {@code <<'EOL'},
 * {@code <<-EOL}), whose bodies are taken as they are up to the delimiter line.
 */
final class ShellCommandText {

    private record HereDocument(String delimiter, boolean stripTabs) {
    }

    private ShellCommandText() {
    }

    /**
     * @param from   the first character inside the substitution (after {@code $(} or the backquote)
     * @param closer {@code )} or the backquote
     * @return the index just after the closing character, or -1 when the text ends first
     */
    static int end(String text, int from, char closer) {
        int depth = 0;
        List<HereDocument> pending = new ArrayList<>();
        boolean wordStart = true;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                i++;
                for (HereDocument document : pending) {
                    i = afterBody(text, i, document);
                    if (i < 0) {
                        return -1;
                    }
                }
                pending.clear();
                wordStart = true;
                continue;
            }
            if (closer == '`') {
                if (c == '`') {
                    return i + 1;
                }
                i += c == '\\' ? 2 : 1;
                continue;
            }
            switch (c) {
                case '\\' -> i += 2;
                case '\'' -> {
                    int close = text.indexOf('\'', i + 1);
                    if (close < 0) {
                        return -1;
                    }
                    i = close + 1;
                }
                case '"' -> i = afterDoubleQuotes(text, i + 1);
                case '`' -> i = end(text, i + 1, '`');
                case '$' -> i = afterDollar(text, i);
                case '(' -> {
                    depth++;
                    i++;
                }
                case ')' -> {
                    if (depth == 0) {
                        return i + 1;
                    }
                    depth--;
                    i++;
                }
                case '#' -> {
                    if (wordStart) {
                        int eol = text.indexOf('\n', i);
                        i = eol < 0 ? text.length() : eol;
                    } else {
                        i++;
                    }
                }
                case '<' -> {
                    if (text.startsWith("<<<", i)) {
                        i += 3;
                    } else if (text.startsWith("<<", i)) {
                        i = hereDocumentOperator(text, i + 2, pending);
                    } else {
                        i++;
                    }
                }
                default -> i++;
            }
            if (i < 0) {
                return -1;
            }
            wordStart = " \t;|&(".indexOf(c) >= 0;
        }
        return -1;
    }

    private static int afterDollar(String text, int i) {
        if (text.startsWith("$(", i)) {
            return end(text, i + 2, ')');
        }
        if (text.startsWith("${", i)) {
            int close = text.indexOf('}', i);
            return close < 0 ? -1 : close + 1;
        }
        return i + 1;
    }

    private static int afterDoubleQuotes(String text, int i) {
        while (i >= 0 && i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                i = end(text, i + 1, '`');
            } else if (c == '$') {
                i = afterDollar(text, i);
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Reads the delimiter after {@code <<} (or {@code <<-}) and returns where the operator ends. */
    private static int hereDocumentOperator(String text, int i, List<HereDocument> pending) {
        boolean stripTabs = i < text.length() && text.charAt(i) == '-';
        if (stripTabs) {
            i++;
        }
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        StringBuilder delimiter = new StringBuilder();
        while (i < text.length() && " \t\n;|&()<>".indexOf(text.charAt(i)) < 0) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    return -1;
                }
                delimiter.append(text, i + 1, close);
                i = close + 1;
            } else if (c == '\\' && i + 1 < text.length()) {
                delimiter.append(text.charAt(i + 1));
                i += 2;
            } else {
                delimiter.append(c);
                i++;
            }
        }
        if (delimiter.length() > 0) {
            pending.add(new HereDocument(delimiter.toString(), stripTabs));
        }
        return i;
    }

    /** Skips a here-document's body; returns the index just after its delimiter line. */
    private static int afterBody(String text, int i, HereDocument document) {
        while (i < text.length()) {
            int eol = text.indexOf('\n', i);
            int end = eol < 0 ? text.length() : eol;
            String bodyLine = text.substring(i, end);
            if (document.stripTabs()) {
                bodyLine = bodyLine.replaceFirst("^\t+", "");
            }
            if (bodyLine.equals(document.delimiter())) {
                return eol < 0 ? end : eol + 1;
            }
            if (eol < 0) {
                return -1;
            }
            i = eol + 1;
        }
        return -1;
    }
}
