package io.imagegraph.cli;

import java.time.Duration;

/**
 * What the webhook server allows a client, so that no client can stop it or use it up.
 *
 * @param maxConnections  connections open at once; past it, new ones wait to be accepted
 * @param idleTimeout     a connection silent this long is closed
 * @param requestDeadline the whole request (headers and body) must arrive within this time of the
 *                        connection opening, however slowly it trickles in
 * @param maxBody         the largest body read, in bytes; a larger one is answered 413
 * @param maxDrained      a refused request's body is still read and discarded up to this many bytes,
 *                        so that a client that sends its whole body before reading gets the answer
 *                        rather than a reset connection
 */
record WebhookLimits(int maxConnections, Duration idleTimeout, Duration requestDeadline, int maxBody, long maxDrained) {

    static WebhookLimits standard() {
        return new WebhookLimits(128, Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, 64L * 1024 * 1024);
    }
}
