package io.imagegraph.core.dockerfile;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The shell patterns of {@code ${name#pattern}}, {@code ${name%pattern}} and
 * {@code ${name/pattern/replacement}} as BuildKit reads them: {@code *} and {@code ?} are wildcards,
 * {@code \} escapes {@code *}, {@code ?} and {@code \} (and is dropped before {@code }} and
 * {@code /}), there are no bracket expressions. Matching uses RE2, as BuildKit's Go regexp does,
 * so a pattern takes time linear in the value it is matched against.
 */
final class ShellPattern {

    private ShellPattern() {
    }

    static String trimPrefix(String pattern, String value, boolean greedy) throws ExpansionException {
        Matcher matcher = compile(pattern, greedy, true).matcher(value);
        return matcher.find() ? value.substring(matcher.end()) : value;
    }

    /** Shortest or longest suffix: the pattern and the value reversed make it a prefix match. */
    static String trimSuffix(String pattern, String value, boolean greedy) throws ExpansionException {
        String reversed = new StringBuilder(value).reverse().toString();
        String trimmed = trimPrefix(reversePattern(pattern), reversed, greedy);
        return new StringBuilder(trimmed).reverse().toString();
    }

    static String replace(String pattern, String value, String replacement, boolean all) throws ExpansionException {
        Matcher matcher = compile(pattern, true, false).matcher(value);
        String literal = Matcher.quoteReplacement(replacement);
        return all ? matcher.replaceAll(literal) : matcher.replaceFirst(literal);
    }

    private static Pattern compile(String pattern, boolean greedy, boolean anchored) throws ExpansionException {
        StringBuilder regex = new StringBuilder(pattern.length() + 4);
        if (anchored) {
            regex.append('^');
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(greedy ? ".*" : ".*?");
                case '?' -> regex.append('.');
                case '\\' -> {
                    char after = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                    if (after == '}' || after == '/') {
                        continue;
                    }
                    if (after != '*' && after != '?' && after != '\\') {
                        throw new ExpansionException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                                + (after == 0 ? "" : String.valueOf(after)) + "'");
                    }
                    regex.append('\\').append(after);
                    i++;
                }
                case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' -> regex.append('\\').append(c);
                default -> regex.append(c);
            }
        }
        try {
            return Pattern.compile(regex.toString());
        } catch (PatternSyntaxException e) {
            throw new ExpansionException("invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
        }
    }

    /** Reverses a pattern but keeps each escape before the character it escapes: {@code a\*c} to {@code c\*a}. */
    static String reversePattern(String pattern) {
        char[] in = pattern.toCharArray();
        char[] out = new char[in.length];
        int last = in.length - 1;
        int i = 0;
        while (i <= last) {
            if (in[i] == '\\' && i != last) {
                out[last - i - 1] = '\\';
                out[last - i] = in[i + 1];
                i += 2;
            } else {
                out[last - i] = in[i];
                i++;
            }
        }
        return new String(out);
    }
}
