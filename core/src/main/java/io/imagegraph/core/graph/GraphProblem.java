package io.imagegraph.core.graph;

import java.util.Optional;

/**
 * Something wrong with the graph, as a value: what kind, how serious, which image, where, and a
 * sentence that tells the user what to do.
 *
 * @param severity an error stops the plan; a warning is shown and the plan goes on
 * @param kind     what went wrong
 * @param image    the image concerned, if one is
 * @param location file and line, such as {@code images/keystone/Dockerfile line 3}
 * @param message  the sentence
 */
public record GraphProblem(Severity severity, Kind kind, Optional<String> image, String location, String message) {

    public enum Severity { ERROR, WARNING }

    public enum Kind {
        CYCLE,
        UNKNOWN_PARENT,
        DUPLICATE_NAME,
        INVALID_NAME,
        UNREADABLE_DOCKERFILE,
        EMPTY_DOCKERFILE,
        NO_FROM,
        DOCKERFILE_SYNTAX,
        INVALID_REFERENCE,
        INVALID_PATH,
        GRAPH_FILE,
        UNKNOWN_PROFILE_MEMBER,
        UNPINNED_BASE,
        NOT_AN_IMAGE
    }

    public static GraphProblem error(Kind kind, String image, String location, String message) {
        return new GraphProblem(Severity.ERROR, kind, Optional.ofNullable(image), location, message);
    }

    public static GraphProblem warning(Kind kind, String image, String location, String message) {
        return new GraphProblem(Severity.WARNING, kind, Optional.ofNullable(image), location, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "location: message", the form shown to users. */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
