package io.imagegraph.core.upstream;

import io.imagegraph.core.registry.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared secret a webhook sender proves it knows, in one of three places, since registries
 * differ in what they can send: {@code Authorization: Bearer <secret>} (the distribution
 * registry's {@code notifications.endpoints[].headers}), an {@code X-Imagegraph-Token} header,
 * or a {@code token} query parameter in the URL (Quay and Docker Hub can only be given a URL).
 * Compared in constant time.
 */
public final class WebhookSecret {

    private final Secret secret;

    private WebhookSecret(Secret secret) {
        this.secret = secret;
    }

    /**
     * @throws IllegalArgumentException when the secret is too short to be a secret
     */
    public static WebhookSecret of(String value) {
        String trimmed = value.strip();
        if (trimmed.length() < 16) {
            throw new IllegalArgumentException("a webhook secret needs at least 16 characters (it has "
                    + trimmed.length() + "); generate one with: openssl rand -hex 24");
        }
        return new WebhookSecret(Secret.of(trimmed));
    }

    /**
     * @param headers the request's headers (names compared without case)
     * @param token   the {@code token} query parameter, when there is one
     * @throws WebhookRejectedException 401 when no secret is given or it is not this one
     */
    public void check(Map<String, List<String>> headers, Optional<String> token) throws WebhookRejectedException {
        Optional<String> given = header(headers, "Authorization").filter(v -> v.startsWith("Bearer "))
                .map(v -> v.substring("Bearer ".length()).strip())
                .or(() -> header(headers, "X-Imagegraph-Token").map(String::strip))
                .or(() -> token);
        if (given.isEmpty()) {
            throw new WebhookRejectedException(401, "no shared secret: send it as 'Authorization: Bearer <secret>',"
                    + " an X-Imagegraph-Token header, or ?token=<secret> in the URL");
        }
        if (!MessageDigest.isEqual(given.get().getBytes(StandardCharsets.UTF_8),
                secret.reveal().getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejectedException(401, "the shared secret is wrong");
        }
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "WebhookSecret[****]";
    }
}
