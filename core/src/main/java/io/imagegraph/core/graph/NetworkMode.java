package io.imagegraph.core.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The network a build's {@code RUN} steps get: the builder's own default (what {@code docker build}
 * and {@code buildah bud} give without {@code --network}), the host's network, or none.
 */
public enum NetworkMode {
    DEFAULT, HOST, NONE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static NetworkMode fromId(String id) {
        for (NetworkMode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a network; expected one of " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(NetworkMode::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
