package io.imagegraph.core.files;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An enum constant as reports write it: its name in lower case ({@code PARENT_FAILED} is {@code parent_failed}). */
public interface WireName {

    String name();

    @JsonValue
    default String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
