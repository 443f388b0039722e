package io.imagegraph.core.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * A Dockerfile as the builder reads it: its parser directives and its instructions in order.
 *
 * @param directives lower-cased directive names ({@code syntax}, {@code escape}, {@code check}) to values
 * @param escape     the escape character in force ({@code \} unless {@code # escape=`})
 */
public record ParsedDockerfile(Map<String, String> directives, char escape, List<Instruction> instructions) {

    public ParsedDockerfile {
        directives = Map.copyOf(directives);
        instructions = List.copyOf(instructions);
    }
}
