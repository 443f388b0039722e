package io.imagegraph.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Path patterns with the semantics of {@code .dockerignore} (moby's patternmatcher): Go
 * {@code filepath.Match} syntax plus {@code **}, a leading {@code !} re-includes, the last matching
 * pattern wins, and a pattern that matches a directory matches everything under it.
 */
public final class IgnorePatterns {

    private static final IgnorePatterns NONE = new IgnorePatterns(List.of());

    private record Rule(Pattern regex, boolean exclusion) {
    }

    private final List<Rule> rules;

    private IgnorePatterns(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static IgnorePatterns none() {
        return NONE;
    }

    /** Reads a {@code .dockerignore} file's text: one pattern a line, {@code #} comments, blank lines ignored. */
    public static IgnorePatterns parse(String content) throws InvalidIgnorePatternException {
        return parse(content, ".dockerignore");
    }

    /** As {@link #parse(String)}; an invalid pattern is reported as {@code <file> line <n>}. */
    public static IgnorePatterns parse(String content, String file) throws InvalidIgnorePatternException {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<String> patterns = new ArrayList<>();
        List<String> places = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("#")) {
                continue;
            }
            String pattern = lines[i].strip();
            if (!pattern.isEmpty()) {
                patterns.add(pattern);
                places.add(file + " line " + (i + 1));
            }
        }
        return compile(patterns, places);
    }

    /** Compiles patterns given one by one (as the graph file's {@code watch} lists them). */
    public static IgnorePatterns of(List<String> patterns) throws InvalidIgnorePatternException {
        return of(patterns, "the pattern list");
    }

    /** As {@link #of(List)}; an invalid pattern is reported as entry n of {@code list}. */
    public static IgnorePatterns of(List<String> patterns, String list) throws InvalidIgnorePatternException {
        List<String> places = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            places.add(list + ", entry " + (i + 1));
        }
        return compile(patterns, places);
    }

    private static IgnorePatterns compile(List<String> patterns, List<String> places) throws InvalidIgnorePatternException {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String given = patterns.get(i);
            String pattern = given.strip();
            boolean exclusion = pattern.startsWith("!");
            if (exclusion) {
                pattern = pattern.substring(1).strip();
            }
            if (pattern.isEmpty()) {
                continue;
            }
            pattern = clean(pattern);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            try {
                rules.add(new Rule(Pattern.compile(toRegex(pattern)), exclusion));
            } catch (PatternSyntaxException e) {
                throw new InvalidIgnorePatternException(places.get(i), given.strip(),
                        e.getDescription().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new IgnorePatterns(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** True when some pattern starts with '!', so an excluded directory may still hold included files. */
    public boolean hasExclusions() {
        return rules.stream().anyMatch(Rule::exclusion);
    }

    /** Whether this '/'-separated relative path is matched (ignored, for a .dockerignore). */
    public boolean matches(String path) {
        String file = clean(path);
        String[] parents = parentDirs(file);
        boolean matched = false;
        for (Rule rule : rules) {
            if (rule.exclusion() != matched) {
                continue;
            }
            boolean match = rule.regex().matcher(file).matches();
            if (!match) {
                StringBuilder prefix = new StringBuilder();
                for (String dir : parents) {
                    if (prefix.length() > 0) {
                        prefix.append('/');
                    }
                    prefix.append(dir);
                    if (rule.regex().matcher(prefix).matches()) {
                        match = true;
                        break;
                    }
                }
            }
            if (match) {
                matched = !rule.exclusion();
            }
        }
        return matched;
    }

    private static String[] parentDirs(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? new String[0] : file.substring(0, slash).split("/");
    }

    /** Go's {@code filepath.Clean} for '/'-separated paths. */
    static String clean(String path) {
        boolean absolute = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                    parts.remove(parts.size() - 1);
                } else if (!absolute) {
                    parts.add(part);
                }
                continue;
            }
            parts.add(part);
        }
        String joined = String.join("/", parts);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                if (i < pattern.length() && pattern.charAt(i) == '*') {
                    i++;
                    if (i < pattern.length() && pattern.charAt(i) == '/') {
                        i++;
                    }
                    regex.append(i >= pattern.length() ? ".*" : "(.*/)?");
                } else {
                    regex.append("[^/]*");
                }
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '\\') {
                if (i < pattern.length()) {
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(i++))));
                } else {
                    regex.append("\\\\");
                }
            } else if (c == '[') {
                int close = pattern.indexOf(']', i + 1);
                if (close < 0) {
                    regex.append("\\[");
                } else {
                    regex.append(characterClass(pattern.substring(i, close)));
                    i = close + 1;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.append('$').toString();
    }

    /** A Go character class body ({@code ^a-z}) as a Java one, never matching '/'. */
    private static String characterClass(String body) {
        StringBuilder out = new StringBuilder("(?!/)[");
        int start = 0;
        if (body.startsWith("^")) {
            out.append('^');
            start = 1;
        }
        for (int k = start; k < body.length(); k++) {
            char ch = body.charAt(k);
            if (ch == '\\' && k + 1 < body.length()) {
                ch = body.charAt(++k);
                out.append('\\').append(ch);
            } else if (ch == '-') {
                out.append('-');
            } else if (Character.isLetterOrDigit(ch)) {
                out.append(ch);
            } else {
                out.append('\\').append(ch);
            }
        }
        return out.append(']').toString();
    }
}
