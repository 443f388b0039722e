package io.imagegraph.core.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell-like word processing of BuildKit's Dockerfile frontend ({@code shell/lex.go}): quotes,
 * the escape character, {@code $NAME} and every {@code ${…}} form it has ({@code -}, {@code :-},
 * {@code +}, {@code :+}, {@code ?}, {@code :?}, {@code #}, {@code ##}, {@code %}, {@code %%},
 * {@code /}, {@code //}), with its error for any other form. Nothing is ever executed.
 *
 * <p>{@code rawQuotes} and {@code rawEscapes} keep quotes and escape characters in the result, as
 * BuildKit does when it looks for heredoc words; {@code skipUnset} leaves references to unset
 * variables as written. A word that grows past {@code limit} characters is refused, so a Dockerfile
 * cannot make its ARGs exhaust memory.
 */
final class ShellLexer {

    private static final int EOF = -1;
    /** Deeper nesting of ${…} inside ${…} is refused rather than risking the stack. */
    static final int MAX_DEPTH = 64;

    /** A processed word: the whole result and the result split into words at unquoted blanks. */
    record Result(String word, List<String> words) {
    }

    private final char escape;
    private final boolean rawQuotes;
    private final boolean rawEscapesDefault;
    private final boolean skipUnset;
    private final int limit;
    private Map<String, String> env = Map.of();
    private String source = "";
    private int pos;
    private boolean rawEscapes;
    private int depth;

    private ShellLexer(char escape, boolean rawQuotes, boolean rawEscapes, boolean skipUnset, int limit) {
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.rawEscapesDefault = rawEscapes;
        this.skipUnset = skipUnset;
        this.limit = limit;
    }

    /** The lexer that expands words for FROM, {@code --platform} and ARG defaults. */
    static ShellLexer expanding(char escape, int limit) {
        return new ShellLexer(escape, false, false, false, limit);
    }

    /** The lexer that splits a line into words keeping quotes and escapes, to find heredoc words. */
    static ShellLexer raw(int limit) {
        return new ShellLexer('\\', true, true, true, limit);
    }

    /** The lexer that reads a heredoc's terminator word, with quotes removed or kept. */
    static ShellLexer terminator(boolean keepQuotes, int limit) {
        return new ShellLexer('\\', keepQuotes, false, true, limit);
    }

    String expand(String word, Map<String, String> variables) throws ExpansionException {
        return process(word, variables).word();
    }

    Result process(String word, Map<String, String> variables) throws ExpansionException {
        env = variables;
        source = word;
        pos = 0;
        rawEscapes = rawEscapesDefault;
        depth = 0;
        return processStopOn(EOF, rawEscapesDefault);
    }

    private int peek() {
        return pos < source.length() ? source.charAt(pos) : EOF;
    }

    private int next() {
        return pos < source.length() ? source.charAt(pos++) : EOF;
    }

    private Result processStopOn(int stop, boolean raw) throws ExpansionException {
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            StringBuilder result = new StringBuilder();
            WordSplitter words = new WordSplitter();
            while (peek() != EOF) {
                int ch = peek();
                if (stop != EOF && ch == stop) {
                    next();
                    return new Result(result.toString(), words.words());
                }
                if (ch == '$' || ch == '<' || ch == '\'' || ch == '"') {
                    String value = switch (ch) {
                        case '$' -> dollar();
                        case '<' -> possibleHeredoc();
                        case '\'' -> singleQuote();
                        default -> doubleQuote();
                    };
                    result.append(value);
                    if (ch == '$') {
                        words.addExpanded(value);
                    } else {
                        words.addRaw(value);
                    }
                } else {
                    ch = next();
                    if (ch == escape) {
                        if (rawEscapes) {
                            words.addRaw(String.valueOf((char) ch));
                            result.append((char) ch);
                        }
                        ch = next();
                        if (ch == EOF) {
                            break;
                        }
                        words.addRaw(String.valueOf((char) ch));
                    } else {
                        words.add((char) ch);
                    }
                    result.append((char) ch);
                }
                if (result.length() > limit) {
                    throw new ExpansionException("expands to more than " + limit + " characters");
                }
            }
            if (stop != EOF) {
                throw new ExpansionException("unexpected end of statement while looking for matching " + (char) stop);
            }
            return new Result(result.toString(), words.words());
        } finally {
            rawEscapes = saved;
        }
    }

    private String singleQuote() throws ExpansionException {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (rawQuotes) {
            result.append((char) ch);
        }
        while (true) {
            ch = next();
            if (ch == EOF) {
                throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (rawQuotes) {
                    result.append((char) ch);
                }
                return result.toString();
            }
            result.append((char) ch);
        }
    }

    private String doubleQuote() throws ExpansionException {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (rawQuotes) {
            result.append((char) ch);
        }
        while (true) {
            int peeked = peek();
            if (peeked == EOF) {
                throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
            }
            if (peeked == '"') {
                next();
                if (rawQuotes) {
                    result.append('"');
                }
                return result.toString();
            }
            if (peeked == '$') {
                result.append(dollar());
            } else {
                ch = next();
                if (ch == escape) {
                    if (rawEscapes) {
                        result.append((char) ch);
                    }
                    int after = peek();
                    if (after == EOF) {
                        continue;
                    }
                    if (after == '"' || after == '$' || after == escape) {
                        ch = next();
                    }
                }
                result.append((char) ch);
            }
            if (result.length() > limit) {
                throw new ExpansionException("expands to more than " + limit + " characters");
            }
        }
    }

    private String dollar() throws ExpansionException {
        if (++depth > MAX_DEPTH) {
            throw new ExpansionException("nests ${…} more than " + MAX_DEPTH + " levels deep");
        }
        try {
            return variable();
        } finally {
            depth--;
        }
    }

    private String variable() throws ExpansionException {
        next();
        if (peek() != '{') {
            String name = name();
            if (name.isEmpty()) {
                return "$";
            }
            String value = env.get(name);
            if (value == null && skipUnset) {
                return "$" + name;
            }
            return value == null ? "" : value;
        }
        next();
        int first = peek();
        if (first == EOF) {
            throw new ExpansionException("syntax error: missing '}'");
        }
        if (first == '{' || first == '}' || first == ':') {
            throw new ExpansionException("syntax error: bad substitution");
        }
        String name = name();
        int ch = next();
        if (ch == EOF) {
            throw new ExpansionException("syntax error: missing '}'");
        }
        String value = env.get(name);
        switch (ch) {
            case '}' -> {
                if (value == null && skipUnset) {
                    return "${" + name + "}";
                }
                return value == null ? "" : value;
            }
            case ':', '+', '-', '?', '#', '%' -> {
                return modifier(name, value, ch);
            }
            case '/' -> {
                return replace(name, value);
            }
            default -> throw unsupported(String.valueOf((char) ch));
        }
    }

    private String modifier(String name, String value, int first) throws ExpansionException {
        boolean nullIsUnset = first == ':';
        int ch = nullIsUnset ? next() : first;
        String modifier = nullIsUnset ? ":" + (ch == EOF ? "" : String.valueOf((char) ch)) : String.valueOf((char) ch);
        boolean patternEscapes = ch == '#' || ch == '%';
        if (nullIsUnset && patternEscapes) {
            throw unsupported(modifier);
        }
        String word = untilClosingBrace(patternEscapes);
        boolean set = value != null;
        if (!set && skipUnset) {
            return "${" + name + modifier + word + "}";
        }
        boolean empty = !set || (nullIsUnset && value.isEmpty());
        switch (ch) {
            case '-' -> {
                return empty ? word : value;
            }
            case '+' -> {
                return empty ? "" : word;
            }
            case '?' -> {
                if (!set) {
                    throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                if (empty) {
                    throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                }
                return value;
            }
            case '#', '%' -> {
                boolean greedy = !word.isEmpty() && word.charAt(0) == ch;
                String pattern = greedy ? word.substring(1) : word;
                String subject = set ? value : "";
                return ch == '%' ? ShellPattern.trimSuffix(pattern, subject, greedy)
                        : ShellPattern.trimPrefix(pattern, subject, greedy);
            }
            default -> throw unsupported(modifier);
        }
    }

    private String untilClosingBrace(boolean raw) throws ExpansionException {
        try {
            return processStopOn('}', raw).word();
        } catch (ExpansionException e) {
            if (peek() == EOF) {
                throw new ExpansionException("syntax error: missing '}'");
            }
            throw e;
        }
    }

    private String replace(String name, String value) throws ExpansionException {
        boolean all = peek() == '/';
        if (all) {
            next();
        }
        String pattern;
        try {
            pattern = processStopOn('/', true).word();
        } catch (ExpansionException e) {
            if (peek() == EOF) {
                throw new ExpansionException("syntax error: missing '/' in ${}");
            }
            throw e;
        }
        String replacement = untilClosingBrace(true);
        if (value == null && skipUnset) {
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        return ShellPattern.replace(pattern, value == null ? "" : value, replacement, all);
    }

    private static ExpansionException unsupported(String modifier) {
        return new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
    }

    /** A variable name: letters, digits and '_'; or only digits; or one special parameter. */
    private String name() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            char ch = (char) peek();
            if (name.isEmpty() && Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit((char) peek())) {
                    name.append((char) next());
                }
                return name.toString();
            }
            if (name.isEmpty() && "@*#?-$!0".indexOf(ch) >= 0) {
                next();
                return String.valueOf(ch);
            }
            if (!Character.isLetterOrDigit(ch) && ch != '_') {
                break;
            }
            name.append((char) next());
        }
        return name.toString();
    }

    /** {@code <<} and the blanks after it stay together, so a heredoc word is one word. */
    private String possibleHeredoc() {
        next();
        if (peek() != '<') {
            return "<";
        }
        next();
        StringBuilder result = new StringBuilder("<<");
        while (peek() == ' ' || peek() == '\t' || peek() == '\r') {
            result.append((char) next());
        }
        return result.toString();
    }

    /** Splits the result into words at blanks that are neither quoted nor escaped. */
    private static final class WordSplitter {
        private final List<String> words = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private boolean inWord;

        void add(char ch) {
            if (Character.isWhitespace(ch)) {
                if (inWord && !current.isEmpty()) {
                    words.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(ch);
                inWord = true;
            }
        }

        void addExpanded(String value) {
            for (int i = 0; i < value.length(); i++) {
                add(value.charAt(i));
            }
        }

        void addRaw(String value) {
            current.append(value);
            inWord = true;
        }

        List<String> words() {
            if (!current.isEmpty()) {
                words.add(current.toString());
                current.setLength(0);
                inWord = false;
            }
            return List.copyOf(words);
        }
    }
}
