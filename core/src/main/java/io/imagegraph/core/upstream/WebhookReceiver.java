package io.imagegraph.core.upstream;

import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a registry's push notification into the same upstream records a poll makes: a push of a
 * watched tag (or, for a policy watch, of a tag the policy now prefers) is recorded with its
 * digest, asked of the registry with one HEAD when the payload does not carry it. A request whose
 * secret is wrong, or whose payload is malformed, is rejected and changes nothing; pushes of
 * repositories nobody watches are reported as ignored.
 */
public final class WebhookReceiver {

    /**
     * What a webhook request did.
     *
     * @param checks  one per watch the pushes concern (moved, first seen or unchanged)
     * @param ignored the pushes no watch follows, as {@code repository:tag}
     */
    public record Outcome(List<UpstreamCheck> checks, List<String> ignored) {
    }

    private final WebhookSecret secret;
    private final List<UpstreamWatch> watches;
    private final Registries registries;
    private final UpstreamState state;
    private final Clock clock;

    public WebhookReceiver(WebhookSecret secret, List<UpstreamWatch> watches, Registries registries,
                           UpstreamState state, Clock clock) {
        this.secret = secret;
        this.watches = List.copyOf(watches);
        this.registries = registries;
        this.state = state;
        this.clock = clock;
    }

    /**
     * @throws WebhookRejectedException when the request is not authenticated or not a payload image-graph reads
     */
    public Outcome receive(Map<String, List<String>> headers, Optional<String> token, byte[] body)
            throws WebhookRejectedException, IOException, InterruptedException {
        secret.check(headers, token);
        List<UpstreamPush> pushes = WebhookPayloads.parse(body);
        Map<String, UpstreamDigest> known = state.current();
        List<UpstreamCheck> checks = new ArrayList<>();
        List<UpstreamDigest> changes = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (UpstreamPush push : pushes) {
            List<UpstreamWatch> following = watches.stream().filter(watch -> follows(watch, push, known)).toList();
            if (following.isEmpty()) {
                ignored.add(push.reference());
                continue;
            }
            String digest;
            try {
                digest = push.digest().isPresent() ? push.digest().get() : registries.named(push.repository().registry())
                        .head(push.repository().repository(), push.tag()).map(ManifestDescriptor::digest)
                        .map(Object::toString).orElse(null);
            } catch (RegistryException e) {
                throw new WebhookRejectedException(502, "cannot look up the digest of " + push.reference() + ": "
                        + e.getMessage());
            }
            if (digest == null) {
                ignored.add(push.reference() + " (no longer in the registry)");
                continue;
            }
            for (UpstreamWatch watch : following) {
                UpstreamDigest before = known.get(watch.key());
                UpstreamDigest seen = new UpstreamDigest(watch.key(), watch.repository().toString(), push.tag(), digest,
                        before == null ? null : before.tag(), before == null ? null : before.digest(),
                        clock.instant().toString(), push.via());
                UpstreamCheck.Status status = before == null ? UpstreamCheck.Status.FIRST_SEEN
                        : before.digest().equals(digest) && before.tag().equals(push.tag())
                        ? UpstreamCheck.Status.UNCHANGED : UpstreamCheck.Status.MOVED;
                if (status != UpstreamCheck.Status.UNCHANGED) {
                    changes.add(seen);
                    known.put(watch.key(), seen);
                }
                checks.add(new UpstreamCheck(watch.key(), watch.repository().toString(), watch.isPolicy(), status,
                        push.tag(), digest, seen.previousTag(), seen.previousDigest(), push.via() + ": "
                        + push.reference() + " pushed"));
            }
        }
        state.record(changes);
        return new Outcome(checks, ignored);
    }

    /** A fixed watch follows its own tag; a policy, a tag it matches that it prefers to the one it follows. */
    private static boolean follows(UpstreamWatch watch, UpstreamPush push, Map<String, UpstreamDigest> known) {
        if (!watch.repository().equals(push.repository())) {
            return false;
        }
        if (!watch.isPolicy()) {
            return watch.tag().get().equals(push.tag());
        }
        UpstreamDigest current = known.get(watch.key());
        List<String> candidates = current == null ? List.of(push.tag()) : List.of(current.tag(), push.tag());
        return watch.choose(candidates).map(push.tag()::equals).orElse(false);
    }
}
