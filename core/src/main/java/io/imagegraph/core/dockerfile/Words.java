package io.imagegraph.core.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** Splits instruction arguments at unquoted whitespace, keeping quotes for later expansion. */
final class Words {

    private Words() {
    }

    static List<String> split(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                current.append(c);
            } else if (Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    words.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            words.add(current.toString());
        }
        return words;
    }

    /** The word as messages show it: long words cut to their start, with their length. */
    static String abbreviate(String word) {
        return word.length() <= 100 ? word : word.substring(0, 60) + "… (" + word.length() + " characters)";
    }
}
