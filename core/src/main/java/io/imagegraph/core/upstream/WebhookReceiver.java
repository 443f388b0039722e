package io.imagegraph.core.upstream;

import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a registry's push notification into the same upstream records a poll makes: a push of a
 * watched tag (or, for a policy watch, of a tag the policy now prefers) is recorded with the
 * digest the registry gives for the tag now, asked with one HEAD — also when the payload carries a
 * digest, which is only believed once the registry confirms it. Whether a push moved a watch is
 * decided under the upstream journal's lock, so concurrent requests never record one move twice.
 * A request whose secret is wrong, or whose payload is malformed, is rejected and changes
 * nothing; pushes of repositories nobody watches are reported as ignored.
 *
 * <p>The CNCF registry sends its push notification when the manifest is stored, before it links
 * the tag, so the tag's HEAD can answer 404 for a moment. When the payload's digest is in the
 * repository but the tag is not yet, the receiver asks again for up to {@link #TAG_SETTLING}
 * before it calls the tag gone; a digest the repository does not hold is gone at once.
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

    /** A push some watch may follow, with the digest the registry confirmed for its tag. */
    private record Confirmed(UpstreamPush push, String digest, String reason) {
    }

    private final WebhookSecret secret;
    private final List<UpstreamWatch> watches;
    private final Registries registries;
    private final UpstreamState state;
    private final Clock clock;
    private final Duration settling;

    /** How long a pushed manifest's tag may take to appear after its notification. */
    public static final Duration TAG_SETTLING = Duration.ofSeconds(5);

    private static final Duration SETTLING_POLL = Duration.ofMillis(100);

    public WebhookReceiver(WebhookSecret secret, List<UpstreamWatch> watches, Registries registries,
                           UpstreamState state, Clock clock) {
        this(secret, watches, registries, state, clock, TAG_SETTLING);
    }

    WebhookReceiver(WebhookSecret secret, List<UpstreamWatch> watches, Registries registries,
                    UpstreamState state, Clock clock, Duration settling) {
        this.secret = secret;
        this.watches = List.copyOf(watches);
        this.registries = registries;
        this.state = state;
        this.clock = clock;
        this.settling = settling;
    }

    /**
     * Checks a request's secret alone, so that a server can refuse a stranger before reading the body.
     *
     * @throws WebhookRejectedException when the request does not carry the shared secret
     */
    public void authenticate(Map<String, List<String>> headers, Optional<String> token) throws WebhookRejectedException {
        secret.check(headers, token);
    }

    /**
     * @throws WebhookRejectedException when the request is not authenticated or not a payload image-graph reads,
     *                                  or the registry cannot be asked for the pushed tag's digest (502)
     */
    public Outcome receive(Map<String, List<String>> headers, Optional<String> token, byte[] body)
            throws WebhookRejectedException, IOException, InterruptedException {
        secret.check(headers, token);
        List<UpstreamPush> pushes = WebhookPayloads.parse(body);
        List<String> ignored = new ArrayList<>();
        List<Confirmed> confirmed = new ArrayList<>();
        for (UpstreamPush push : pushes) {
            if (watches.stream().noneMatch(watch -> mayFollow(watch, push))) {
                ignored.add(push.reference());
                continue;
            }
            Optional<String> digest = digestNow(push);
            if (digest.isEmpty()) {
                ignored.add(push.reference() + " (no longer in the registry)");
                continue;
            }
            String reason = push.via() + ": " + push.reference() + " pushed";
            if (push.digest().isPresent() && !push.digest().get().equals(digest.get())) {
                reason += "; the payload said " + push.digest().get() + ", the registry has " + digest.get();
            }
            confirmed.add(new Confirmed(push, digest.get(), reason));
        }
        List<UpstreamCheck> checks = new ArrayList<>();
        List<String> notPreferred = new ArrayList<>();
        state.recordDecided(known -> {
            checks.clear();
            notPreferred.clear();
            return decide(confirmed, known, checks, notPreferred);
        });
        ignored.addAll(notPreferred);
        return new Outcome(List.copyOf(checks), List.copyOf(ignored));
    }

    /**
     * The registry's digest for the pushed tag now, whatever the payload says: empty when the tag is gone.
     * A tag missing while the payload's manifest is stored is asked for again until it settles.
     */
    private Optional<String> digestNow(UpstreamPush push) throws WebhookRejectedException, InterruptedException {
        try {
            ManifestStore store = registries.named(push.repository().registry());
            Optional<String> digest = tagDigest(store, push);
            if (digest.isPresent() || push.digest().isEmpty()
                    || store.head(push.repository().repository(), push.digest().get()).isEmpty()) {
                return digest;
            }
            long deadline = System.nanoTime() + settling.toNanos();
            while (digest.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(SETTLING_POLL.toMillis());
                digest = tagDigest(store, push);
            }
            return digest;
        } catch (RegistryException e) {
            throw new WebhookRejectedException(502, "cannot confirm the digest of " + push.reference()
                    + " with its registry: " + e.getMessage(), push.repository().registry());
        }
    }

    private static Optional<String> tagDigest(ManifestStore store, UpstreamPush push)
            throws RegistryException, InterruptedException {
        return store.head(push.repository().repository(), push.tag()).map(ManifestDescriptor::digest).map(Object::toString);
    }

    /** Decides, against the latest digests, what each confirmed push changes; returns the changes to record. */
    private List<UpstreamDigest> decide(List<Confirmed> confirmed, Map<String, UpstreamDigest> known,
                                        List<UpstreamCheck> checks, List<String> notPreferred) {
        List<UpstreamDigest> changes = new ArrayList<>();
        for (Confirmed each : confirmed) {
            UpstreamPush push = each.push();
            List<UpstreamWatch> following = watches.stream().filter(watch -> follows(watch, push, known)).toList();
            if (following.isEmpty()) {
                notPreferred.add(push.reference() + " (the policy prefers the tag it follows)");
                continue;
            }
            for (UpstreamWatch watch : following) {
                UpstreamDigest before = known.get(watch.key());
                UpstreamDigest seen = new UpstreamDigest(watch.key(), watch.repository().toString(), push.tag(),
                        each.digest(), before == null ? null : before.tag(), before == null ? null : before.digest(),
                        clock.instant().toString(), push.via());
                UpstreamCheck.Status status = before == null ? UpstreamCheck.Status.FIRST_SEEN
                        : before.digest().equals(each.digest()) && before.tag().equals(push.tag())
                        ? UpstreamCheck.Status.UNCHANGED : UpstreamCheck.Status.MOVED;
                if (status != UpstreamCheck.Status.UNCHANGED) {
                    changes.add(seen);
                    known.put(watch.key(), seen);
                }
                checks.add(new UpstreamCheck(watch.key(), watch.repository().toString(), watch.isPolicy(), status,
                        push.tag(), each.digest(), seen.previousTag(), seen.previousDigest(), each.reason()));
            }
        }
        return changes;
    }

    /** Whether a watch could follow the push at all: its repository, and its tag or a tag its policy matches. */
    private static boolean mayFollow(UpstreamWatch watch, UpstreamPush push) {
        return watch.repository().equals(push.repository())
                && (watch.isPolicy() ? watch.choose(List.of(push.tag())).isPresent() : watch.tag().get().equals(push.tag()));
    }

    /** A fixed watch follows its own tag; a policy, a tag it matches that it prefers to the one it follows. */
    private static boolean follows(UpstreamWatch watch, UpstreamPush push, Map<String, UpstreamDigest> known) {
        if (!mayFollow(watch, push)) {
            return false;
        }
        if (!watch.isPolicy()) {
            return true;
        }
        UpstreamDigest current = known.get(watch.key());
        List<String> candidates = current == null ? List.of(push.tag()) : List.of(current.tag(), push.tag());
        return watch.choose(candidates).map(push.tag()::equals).orElse(false);
    }
}
