package io.imagegraph.core.build;

import java.util.Locale;
import java.util.Optional;

/** The {@code # syntax=IMAGE} parser directive at the top of a Dockerfile: the BuildKit frontend it asks for. */
final class SyntaxDirective {

    private SyntaxDirective() {
    }

    static Optional<String> of(String dockerfile) {
        for (String line : dockerfile.split("\r?\n")) {
            String text = line.strip();
            if (!text.startsWith("#")) {
                return Optional.empty();
            }
            String directive = text.substring(1).strip();
            int equals = directive.indexOf('=');
            if (equals < 0) {
                return Optional.empty();
            }
            if (directive.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("syntax")) {
                String value = directive.substring(equals + 1).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
