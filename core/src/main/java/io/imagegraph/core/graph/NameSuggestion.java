package io.imagegraph.core.graph;

import java.util.Collection;
import java.util.Optional;

/** The closest known name to a mistyped one, for "did you mean" hints. */
public final class NameSuggestion {

    private NameSuggestion() {
    }

    /** The known name within a few edits of {@code typed}, if there is one. */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(2, typed.length() / 4) + 1;
        for (String candidate : known) {
            if (Math.abs(candidate.length() - typed.length()) >= bestDistance) {
                continue;
            }
            int distance = distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean keystone?)" or "". */
    public static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(name -> " (did you mean " + name + "?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
