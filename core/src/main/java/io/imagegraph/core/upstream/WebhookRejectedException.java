package io.imagegraph.core.upstream;

import java.util.Optional;

/**
 * A webhook request that is refused and changes nothing: malformed, of an unknown format, or not
 * authenticated. The message says why; {@link #status()} is the HTTP status to answer with.
 */
public final class WebhookRejectedException extends Exception {

    private final int status;
    private final String registry;

    public WebhookRejectedException(int status, String message) {
        this(status, message, null);
    }

    /** @param registry the registry that could not be asked (a 502), for the advice on what to configure */
    public WebhookRejectedException(int status, String message, String registry) {
        super(message);
        this.status = status;
        this.registry = registry;
    }

    /** The registry that could not be asked, when that is why. */
    public Optional<String> registry() {
        return Optional.ofNullable(registry);
    }

    public int status() {
        return status;
    }
}
