package io.imagegraph.core.registry;

import java.util.List;

/**
 * A registry call that did not work, with its facts: what was tried, where, the HTTP status (0
 * when no answer came), the registry's error codes, and whether trying again can help. The
 * message is a sentence for users: "Tried to push manifest acme/base:test to quay.io but failed
 * because: ...". It never holds a credential.
 */
public final class RegistryException extends Exception {

    private final String action;
    private final String registry;
    private final int status;
    private final List<String> codes;
    private final boolean retryable;

    public RegistryException(String action, String registry, int status, List<String> codes, String reason,
                             boolean retryable) {
        super("Tried to " + action + " at " + registry + " but failed because: " + reason);
        this.action = action;
        this.registry = registry;
        this.status = status;
        this.codes = List.copyOf(codes);
        this.retryable = retryable;
    }

    /** A failure with no HTTP answer behind it (a file, a configuration, a helper program). */
    public static RegistryException of(String action, String registry, String reason) {
        return new RegistryException(action, registry, 0, List.of(), reason, false);
    }

    public String action() {
        return action;
    }

    public String registry() {
        return registry;
    }

    /** The HTTP status, or 0 when the registry did not answer. */
    public int status() {
        return status;
    }

    /** The registry's error codes, such as {@code MANIFEST_UNKNOWN} or {@code DENIED}. */
    public List<String> codes() {
        return codes;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
