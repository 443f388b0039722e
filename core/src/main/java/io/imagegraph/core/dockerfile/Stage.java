package io.imagegraph.core.dockerfile;

import java.util.Optional;

/**
 * A build stage: one FROM and what follows it.
 *
 * @param index    0-based position, which {@code COPY --from=0} refers to
 * @param name     the lower-cased name after AS, if any
 * @param base     the expanded image or stage name after FROM
 * @param platform the expanded {@code --platform} value, if any
 * @param line     1-based line of the FROM
 */
public record Stage(int index, Optional<String> name, String base, Optional<String> platform, int line) {
}
