package io.imagegraph.cli;

import java.util.List;

/** Input the user must fix: printed as sentences on stderr, exit code 2, no stack trace. */
final class BadInputException extends Exception {

    private final List<String> messages;

    BadInputException(List<String> messages) {
        super(String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    BadInputException(String message) {
        this(List.of(message));
    }

    List<String> messages() {
        return messages;
    }
}
