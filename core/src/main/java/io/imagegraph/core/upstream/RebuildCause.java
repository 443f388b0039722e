package io.imagegraph.core.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a job starts again because upstream images moved: the watches that moved in a poll or a
 * webhook, in words, as the plugin's trigger puts it on the build it starts. A watch seen for the
 * first time starts nothing (its digest was not known before, so nothing is known to have moved).
 *
 * @param moved the checks whose watch moved
 */
public record RebuildCause(List<UpstreamCheck> moved) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RebuildCause {
        if (moved.isEmpty()) {
            throw new IllegalArgumentException("a rebuild needs a moved watch");
        }
        moved = List.copyOf(moved);
    }

    /** The cause of these checks, when a watch moved. */
    public static Optional<RebuildCause> of(List<UpstreamCheck> checks) {
        List<UpstreamCheck> moved = checks.stream().filter(UpstreamCheck::moved).toList();
        return moved.isEmpty() ? Optional.empty() : Optional.of(new RebuildCause(moved));
    }

    /** "Upstream image moved: debian:12 (sha256:1111111111… → sha256:2222222222…)". */
    public String description() {
        StringBuilder text = new StringBuilder(moved.size() == 1 ? "Upstream image moved: " : "Upstream images moved: ");
        for (int i = 0; i < moved.size(); i++) {
            UpstreamCheck check = moved.get(i);
            text.append(i == 0 ? "" : ", ").append(check.watch()).append(" (");
            if (check.policy() && check.previousTag() != null && !check.previousTag().equals(check.tag())) {
                text.append(check.previousTag()).append(" → ").append(check.tag());
            } else {
                text.append(shortDigest(check.previousDigest())).append(" → ").append(shortDigest(check.digest()));
            }
            text.append(')');
        }
        return text.toString();
    }

    /**
     * The digests the moved watches have now, as JSON: what the plugin keeps on the build it
     * starts, so that the build pins exactly them ({@link #pinsFromJson}).
     */
    public String pinsJson(Instant seen) {
        List<UpstreamDigest> pins = moved.stream().map(check -> new UpstreamDigest(check.watch(), check.repository(),
                check.tag(), check.digest(), check.previousTag(), check.previousDigest(), seen.toString(), "trigger"))
                .toList();
        try {
            return JSON.writeValueAsString(pins);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the moved digests", e);
        }
    }

    /**
     * The digests {@link #pinsJson} wrote; a build records them into its state folder before it
     * plans, so that what moved is pinned and what is built on it rebuilt.
     *
     * @throws IllegalArgumentException when the text is not such a list
     */
    public static List<UpstreamDigest> pinsFromJson(String json) {
        try {
            return List.of(JSON.readValue(json, UpstreamDigest[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a list of upstream digests: " + e.getOriginalMessage());
        }
    }

    private static String shortDigest(String digest) {
        if (digest == null) {
            return "?";
        }
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }
}
