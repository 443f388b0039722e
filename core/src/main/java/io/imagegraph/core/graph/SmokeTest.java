package io.imagegraph.core.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A smoke test declared for an image: either a command run in a container of the fresh image,
 * or a script on the host that is given the test image references.
 *
 * @param name           what the report calls it
 * @param command        argv run inside the image ({@code docker run --rm IMAGE argv…})
 * @param script         a path, relative to the graph root, run on the host instead
 * @param timeoutSeconds how long the test may take
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SmokeTest(String name, List<String> command, String script, Integer timeoutSeconds) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    public SmokeTest {
        command = command == null ? List.of() : YamlValues.list(command, "command");
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be a positive number of seconds, not " + timeoutSeconds);
        }
        timeoutSeconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }
}
