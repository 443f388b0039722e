package io.imagegraph.core.track;

import io.imagegraph.core.ref.Digest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holds an administrator keeps in configuration (the plugin's global configuration) rather than
 * in a state folder's journal: digest → reason. They block promotion like journal holds, of the
 * digest and of everything built on it, and are drawn the same way.
 *
 * @param reasons why each digest is held
 */
public record ConfiguredHolds(Map<String, String> reasons) {

    /** Where these holds say they come from. */
    public static final String SOURCE = "configuration";

    public ConfiguredHolds {
        reasons = Map.copyOf(reasons);
    }

    public static ConfiguredHolds none() {
        return new ConfiguredHolds(Map.of());
    }

    /**
     * Holds as an administrator wrote them.
     *
     * @throws IllegalArgumentException naming a value that is not a digest, or a hold without a reason
     */
    public static ConfiguredHolds of(Map<String, String> written) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Map.Entry<String, String> hold : written.entrySet()) {
            Digest digest;
            try {
                digest = Digest.of(hold.getKey().strip());
                if (!digest.algorithm().equals("sha256") && !digest.algorithm().equals("sha512")) {
                    throw new IllegalArgumentException("not a registry digest");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a hold names '" + hold.getKey() + "', which is not a digest"
                        + " (sha256:<64 hex digits>); hold the digest a scanner reported, such as a base image's");
            }
            if (hold.getValue() == null || hold.getValue().isBlank()) {
                throw new IllegalArgumentException("the hold of " + digest + " gives no reason; say why (a CVE, a bad"
                        + " release) so that whoever's promotion it blocks knows");
            }
            reasons.put(digest.toString(), hold.getValue().strip());
        }
        return new ConfiguredHolds(reasons);
    }

    /** A state's active holds with these added; a journal hold of the same digest stays as it is. */
    public Map<String, HoldEvent> over(Map<String, HoldEvent> journal) {
        Map<String, HoldEvent> all = new LinkedHashMap<>(journal);
        reasons.forEach((digest, reason) -> all.putIfAbsent(digest,
                new HoldEvent(digest, true, reason, null, null, SOURCE)));
        return all;
    }
}
