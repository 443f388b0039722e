package io.imagegraph.core.registry;

import java.util.Optional;

/**
 * Whether a registry as an administrator wrote it can be used ({@link RegistrySetting#parse}),
 * and, when it cannot, the sentence that refuses it: the text, what is wrong, and what to write.
 */
public final class RegistryText {

    private RegistryText() {
    }

    /** Empty when {@code url} names a registry; else why not and how to write one. */
    public static Optional<String> refusal(String url, RegistryKind kind) {
        try {
            RegistrySetting.parse(url, kind);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String text = url == null ? "" : url.strip();
            return Optional.of("the registry '" + text + "' cannot be used (" + e.getMessage() + "); write it as"
                    + " host[:port] (quay.io, registry.example.com:5000) or as a URL (https://quay.io,"
                    + " http://registry.lan:5000)");
        }
    }
}
