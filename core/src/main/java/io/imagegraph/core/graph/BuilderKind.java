package io.imagegraph.core.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which tool builds an image. */
public enum BuilderKind {
    DOCKER, BUILDAH, LOCI, SCRIPT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the builder reads the image's own Dockerfile (LOCI and script images may have none). */
    public boolean needsDockerfile() {
        return this == DOCKER || this == BUILDAH;
    }

    @JsonCreator
    public static BuilderKind fromId(String id) {
        for (BuilderKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a builder; expected one of " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(BuilderKind::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
