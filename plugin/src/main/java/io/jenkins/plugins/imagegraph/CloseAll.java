package io.jenkins.plugins.imagegraph;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Closes every one of a list, also when some fail, and gives back the first failure. */
final class CloseAll {

    private CloseAll() {
    }

    static Optional<IOException> of(List<? extends Closeable> all) {
        IOException first = null;
        for (Closeable each : all) {
            try {
                each.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        return Optional.ofNullable(first);
    }
}
