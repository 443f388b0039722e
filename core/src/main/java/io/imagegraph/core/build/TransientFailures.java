package io.imagegraph.core.build;

import io.imagegraph.core.process.OutputTail;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Recognises, in a failed build's output, failures that trying again may cure. */
final class TransientFailures {

    private static final List<String> SIGNS = List.of(
            "cannot connect to the docker daemon",
            "connection reset by peer",
            "connection refused",
            "i/o timeout",
            "tls handshake timeout",
            "unexpected eof",
            "503 service unavailable",
            "502 bad gateway",
            "429 too many requests",
            "toomanyrequests");

    private TransientFailures() {
    }

    static boolean isTransient(String output) {
        return transientLine(output).isPresent();
    }

    /** The last line of the output that shows a transient failure, trimmed. */
    static Optional<String> transientLine(String output) {
        String found = null;
        for (String line : output.split("\r?\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (SIGNS.stream().anyMatch(lower::contains)) {
                found = line.strip();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * A failed build's reason: the line that shows a transient failure when there is one (stdout
     * and stderr interleave, so it is not always the last line), else the last line.
     */
    static ImageBuildException failure(String what, OutputTail tail) {
        String text = TerminalColours.strip(tail.text());
        Optional<String> transientLine = transientLine(text);
        String last = text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((first, second) -> second).orElse("(no output)");
        return new ImageBuildException(what + ": " + transientLine.orElse(last), transientLine.isPresent());
    }
}
