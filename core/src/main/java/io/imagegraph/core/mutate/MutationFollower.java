package io.imagegraph.core.mutate;

import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.UpstreamWatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps overridden images following their upstream: each mutation's {@code from} is watched (a
 * fixed-tag watch, polled by {@code watch} or told by a webhook), and when a poll or push finds it
 * moved (or sees it for the first time) the mutation is applied again to the new digest, so the
 * overridden tag moves with the override intact.
 */
public final class MutationFollower {

    private final Collection<Mutation> mutations;
    private final MutationRun run;

    public MutationFollower(Collection<Mutation> mutations, MutationRun run) {
        this.mutations = List.copyOf(mutations);
        this.run = run;
    }

    /** The watches that follow the mutations' upstream images. */
    public static List<UpstreamWatch> watches(Collection<Mutation> mutations) {
        Set<String> keys = new LinkedHashSet<>();
        List<UpstreamWatch> watches = new ArrayList<>();
        for (Mutation mutation : mutations) {
            UpstreamWatch watch = UpstreamWatch.ofBase(mutation.from());
            if (keys.add(watch.key())) {
                watches.add(watch);
            }
        }
        return watches;
    }

    /** The mutations whose upstream these checks found moved or saw for the first time. */
    public List<Mutation> movedBy(List<UpstreamCheck> checks) {
        Set<String> moved = new LinkedHashSet<>();
        for (UpstreamCheck check : checks) {
            if (check.status() == UpstreamCheck.Status.MOVED || check.status() == UpstreamCheck.Status.FIRST_SEEN) {
                moved.add(check.watch());
            }
        }
        return mutations.stream().filter(m -> moved.contains(UpstreamWatch.ofBase(m.from()).key())).toList();
    }

    /** Applies again every mutation whose upstream moved; nothing when none did. */
    public List<MutationResult> follow(List<UpstreamCheck> checks, String runId, Consumer<MutationResult> progress)
            throws IOException, InterruptedException {
        List<Mutation> due = movedBy(checks);
        if (due.isEmpty()) {
            return List.of();
        }
        return run.apply(due, false, runId, progress);
    }
}
