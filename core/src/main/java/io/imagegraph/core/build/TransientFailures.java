package io.imagegraph.core.build;

import java.util.List;
import java.util.Locale;

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
        String lower = output.toLowerCase(Locale.ROOT);
        return SIGNS.stream().anyMatch(lower::contains);
    }
}
