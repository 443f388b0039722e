package io.imagegraph.core.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry's answer: status, headers (names compared without case) and body.
 *
 * @param status  the HTTP status
 * @param headers every header, as received
 * @param body    the body; empty for HEAD
 */
record RegistryResponse(int status, Map<String, List<String>> headers, byte[] body) {

    Optional<String> header(String name) {
        return values(name).stream().findFirst();
    }

    List<String> values(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return List.of();
    }

    long contentLength() {
        return header("Content-Length").map(value -> {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }
}
