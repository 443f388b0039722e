package io.imagegraph.core.starlingx;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One StarlingX image build file ({@code <dir>/<os>/<name>.<stream>_docker_image}): its
 * KEY=VALUE directives, read as data.
 *
 * @param file   the file
 * @param values each directive's value, variables expanded
 * @param lines  the line each directive is on
 */
public record ImageBuildFile(Path file, Map<String, String> values, Map<String, Integer> lines) {

    public ImageBuildFile {
        values = Map.copyOf(values);
        lines = Map.copyOf(lines);
    }

    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /** The value as assigned, blank or not: empty only when the file does not set the key. */
    public Optional<String> assigned(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** {@code file line N} for the directive, or the file alone when it is not there. */
    public String at(String key) {
        Integer line = lines.get(key);
        return file + (line == null ? "" : " line " + line);
    }
}
