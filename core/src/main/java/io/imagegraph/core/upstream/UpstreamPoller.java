package io.imagegraph.core.upstream;

import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One pass over the watches: asks each watch's registry where its tag points now (a HEAD), or,
 * for a policy, lists the repository's tags and follows the one the policy chooses; records what
 * changed in the upstream state. A watch polled less than the interval ago is skipped; once a
 * registry's request budget for the pass is spent, its remaining watches wait for the next pass.
 * What moved is decided against the journal under its lock, after the registries answered, so a
 * webhook request or another poll recording the same digest meanwhile is not recorded twice.
 * Watches polled longest ago (or never) go first, so a budget smaller than the watches still
 * reaches every watch over a few passes. The checks come back in the order the watches were given.
 */
public final class UpstreamPoller {

    private static final int TAGS_PER_PAGE = 100;

    private final Registries registries;
    private final UpstreamState state;
    private final Clock clock;

    public UpstreamPoller(Registries registries, UpstreamState state, Clock clock) {
        this.registries = registries;
        this.state = state;
        this.clock = clock;
    }

    /**
     * @param force poll every watch, however recently it was polled
     */
    public List<UpstreamCheck> poll(List<UpstreamWatch> watches, UpstreamSettings settings, boolean force)
            throws IOException, InterruptedException {
        Instant now = clock.instant();
        Map<String, UpstreamDigest> known = state.current();
        Map<String, Instant> lastPolled = state.lastPolled();
        Map<String, Integer> spent = new HashMap<>();
        UpstreamCheck[] checks = new UpstreamCheck[watches.size()];
        Map<Integer, Observed> observed = new TreeMap<>();
        List<String> polled = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < watches.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> lastPolled.getOrDefault(watches.get(i).key(), Instant.MIN)));
        for (int index : order) {
            UpstreamWatch watch = watches.get(index);
            UpstreamDigest before = known.get(watch.key());
            Instant last = lastPolled.get(watch.key());
            if (!force && last != null && last.plus(settings.interval()).isAfter(now)) {
                checks[index] = check(watch, UpstreamCheck.Status.SKIPPED, before, before, "polled at " + last
                        + ", less than " + settings.interval().toMinutes() + " minutes ago");
                continue;
            }
            String registry = watch.repository().registry();
            int needed = watch.isPolicy() ? 2 : 1;
            if (spent.getOrDefault(registry, 0) + needed > settings.requestBudget()) {
                checks[index] = check(watch, UpstreamCheck.Status.DEFERRED, before, before, "the request budget of "
                        + settings.requestBudget() + " for " + registry + " is spent; the next pass polls it");
                continue;
            }
            try {
                Registry client = registries.named(registry);
                Optional<String> tag = watch.tag();
                if (watch.isPolicy()) {
                    List<String> tags = client.tags(watch.repository().repository());
                    spent.merge(registry, Math.max(1, (tags.size() + TAGS_PER_PAGE - 1) / TAGS_PER_PAGE), Integer::sum);
                    tag = watch.choose(tags);
                    if (tag.isEmpty()) {
                        polled.add(watch.key());
                        checks[index] = check(watch, UpstreamCheck.Status.FAILED, before, before, "none of the "
                                + tags.size() + " tags of " + watch.repository() + " matches the policy");
                        continue;
                    }
                }
                Optional<ManifestDescriptor> found = client.head(watch.repository().repository(), tag.get());
                spent.merge(registry, 1, Integer::sum);
                polled.add(watch.key());
                if (found.isEmpty()) {
                    checks[index] = check(watch, UpstreamCheck.Status.FAILED, before, before, watch.repository() + ":"
                            + tag.get() + " does not exist (any more)");
                    continue;
                }
                observed.put(index, new Observed(watch, tag.get(), found.get().digest().toString()));
            } catch (RegistryException e) {
                checks[index] = check(watch, UpstreamCheck.Status.FAILED, before, before, e.getMessage());
            }
        }
        state.recordDecided(latest -> {
            List<UpstreamDigest> changes = new ArrayList<>();
            observed.forEach((index, seen) -> {
                UpstreamCheck check = decide(seen, latest.get(seen.watch().key()), now);
                checks[index] = check;
                if (check.status() != UpstreamCheck.Status.UNCHANGED) {
                    UpstreamDigest change = new UpstreamDigest(check.watch(), check.repository(), check.tag(),
                            check.digest(), check.previousTag(), check.previousDigest(), now.toString(), "poll");
                    changes.add(change);
                    latest.put(change.watch(), change);
                }
            });
            return changes;
        });
        state.polled(polled, now);
        return List.of(checks);
    }

    /** A watch's tag and digest as its registry gave them in this pass. */
    private record Observed(UpstreamWatch watch, String tag, String digest) {
    }

    /** What the observation means against the latest digest recorded (read under the journal's lock). */
    private static UpstreamCheck decide(Observed seen, UpstreamDigest before, Instant now) {
        UpstreamDigest after = new UpstreamDigest(seen.watch().key(), seen.watch().repository().toString(), seen.tag(),
                seen.digest(), null, null, now.toString(), "poll");
        if (before == null) {
            return check(seen.watch(), UpstreamCheck.Status.FIRST_SEEN, after, null, "first poll");
        }
        if (!before.digest().equals(seen.digest()) || !before.tag().equals(seen.tag())) {
            return check(seen.watch(), UpstreamCheck.Status.MOVED, after, before, before.tag().equals(seen.tag())
                    ? seen.tag() + " moved" : "the policy now follows " + seen.tag() + " instead of " + before.tag());
        }
        return check(seen.watch(), UpstreamCheck.Status.UNCHANGED, after, before, "unchanged");
    }

    private static UpstreamCheck check(UpstreamWatch watch, UpstreamCheck.Status status, UpstreamDigest now,
                                       UpstreamDigest before, String reason) {
        return new UpstreamCheck(watch.key(), watch.repository().toString(), watch.isPolicy(), status,
                now == null ? null : now.tag(), now == null ? null : now.digest(),
                before == null ? null : before.tag(), before == null ? null : before.digest(), reason);
    }
}
