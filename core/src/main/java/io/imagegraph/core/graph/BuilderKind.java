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

    /** True when the builder builds from a Dockerfile: the image's own, or for LOCI, LOCI's (script images have none). */
    public boolean needsDockerfile() {
        return this != SCRIPT;
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
