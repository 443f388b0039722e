package io.imagegraph.core.dockerfile;

import java.util.Map;

/**
 * Expands {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}}, {@code ${NAME-word}},
 * {@code ${NAME:+word}} and {@code ${NAME+word}} as the Dockerfile frontend does for FROM and flag
 * values. The escape character makes the next character literal; quotes are removed.
 */
final class VariableExpander {

    private final char escape;

    VariableExpander(char escape) {
        this.escape = escape;
    }

    String expand(String word, Map<String, String> variables) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        char quote = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == escape && i + 1 < word.length() && quote != '\'') {
                out.append(word.charAt(i + 1));
                i += 2;
            } else if ((c == '"' || c == '\'') && (quote == 0 || quote == c)) {
                quote = quote == 0 ? c : 0;
                i++;
            } else if (c == '$' && quote != '\'' && i + 1 < word.length()) {
                i = expandVariable(word, i + 1, variables, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Expands the variable that starts at {@code start} (just after '$'); returns the index after it. */
    private int expandVariable(String word, int start, Map<String, String> variables, StringBuilder out) {
        if (word.charAt(start) == '{') {
            int close = matchingBrace(word, start);
            if (close < 0) {
                out.append(word, start - 1, word.length());
                return word.length();
            }
            out.append(braced(word.substring(start + 1, close), variables));
            return close + 1;
        }
        int end = start;
        while (end < word.length() && (Character.isLetterOrDigit(word.charAt(end)) || word.charAt(end) == '_')) {
            end++;
        }
        if (end == start) {
            out.append('$');
            return start;
        }
        out.append(variables.getOrDefault(word.substring(start, end), ""));
        return end;
    }

    private static int matchingBrace(String word, int open) {
        int depth = 0;
        for (int i = open; i < word.length(); i++) {
            if (word.charAt(i) == '{') {
                depth++;
            } else if (word.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private String braced(String inner, Map<String, String> variables) {
        int nameEnd = 0;
        while (nameEnd < inner.length() && (Character.isLetterOrDigit(inner.charAt(nameEnd)) || inner.charAt(nameEnd) == '_')) {
            nameEnd++;
        }
        String name = inner.substring(0, nameEnd);
        String rest = inner.substring(nameEnd);
        String value = variables.get(name);
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        if (rest.startsWith(":-")) {
            return nonEmpty ? value : expand(rest.substring(2), variables);
        }
        if (rest.startsWith("-")) {
            return set ? value : expand(rest.substring(1), variables);
        }
        if (rest.startsWith(":+")) {
            return nonEmpty ? expand(rest.substring(2), variables) : "";
        }
        if (rest.startsWith("+")) {
            return set ? expand(rest.substring(1), variables) : "";
        }
        return set ? value : "";
    }
}
