package io.imagegraph.core.plan;

import java.io.IOException;

/**
 * A {@code .dockerignore} or watch pattern that cannot be matched, such as {@code [z-a]}: named by
 * its file and line (or its place in the graph file), so the user can fix it. BuildKit refuses the
 * same patterns when it sends the build context.
 */
public final class InvalidIgnorePatternException extends IOException {

    public InvalidIgnorePatternException(String where, String pattern, String reason) {
        super(where + ": '" + pattern + "' is not a valid pattern (" + reason + "); fix or remove it");
    }
}
