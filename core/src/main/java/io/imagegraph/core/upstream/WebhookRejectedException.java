package io.imagegraph.core.upstream;

/**
 * A webhook request that is refused and changes nothing: malformed, of an unknown format, or not
 * authenticated. The message says why; {@link #status()} is the HTTP status to answer with.
 */
public final class WebhookRejectedException extends Exception {

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
