package io.imagegraph.core.run;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.Deployments;
import io.imagegraph.core.track.Retention;
import io.imagegraph.core.track.TagHistory;
import io.imagegraph.core.upstream.UpstreamSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Retention as {@code imagegraph prune} and the {@code pruneImages} step run it: plan each
 * repository to the policy (what deployments run, protected tags, the newest, the young and the
 * undated are kept) and, when confirmed, delete the rest through the registry API.
 */
public final class PruneRun {

    /**
     * What the run did.
     *
     * @param dryRun   nothing was deleted
     * @param plans    each repository's versions and decisions
     * @param failures deletions the registry refused
     */
    public record Outcome(boolean dryRun, List<Retention.RepositoryPlan> plans, List<Retention.Deletion> failures) {

        public Outcome {
            plans = List.copyOf(plans);
            failures = List.copyOf(failures);
        }

        public boolean succeeded() {
            return failures.isEmpty();
        }

        /** How many versions were deleted (or, in a dry run, would be). */
        public long deletions() {
            return plans.stream().mapToLong(plan -> plan.toDelete().size()).sum() - failures.size();
        }
    }

    private final Retention retention;

    public PruneRun(Registries registries, StateDirectory state, Clock clock) {
        this.retention = new Retention(registries, TagHistory.in(state), Deployments.in(state), clock);
    }

    /** The graph's repositories on its registry, or on {@code registry} when given. */
    public static List<ImageLocation> repositoriesOf(ImageGraph graph, Optional<String> registry)
            throws RunRequestException {
        Optional<String> host;
        try {
            host = registry.map(h -> RegistryHost.parse(h).value()).or(graph::registry);
        } catch (InvalidReferenceException e) {
            throw new RunRequestException("the registry " + e.getMessage());
        }
        if (host.isEmpty()) {
            throw new RunRequestException("the graph names no registry; give the registry its repositories are in");
        }
        return ImageLocation.ofGraph(graph, host.get());
    }

    /** Repositories written as {@code registry/repository}, without tag or digest. */
    public static List<ImageLocation> repositories(List<String> written) throws RunRequestException {
        List<ImageLocation> locations = new ArrayList<>();
        for (String repository : written) {
            try {
                ImageRef ref = ImageRef.parse(repository);
                if (ref.registry().isEmpty() || ref.tag().isPresent() || ref.digest().isPresent()) {
                    throw new RunRequestException("a repository to prune is REGISTRY/REPOSITORY without a tag, not "
                            + repository);
                }
                locations.add(new ImageLocation(ref.registry().get(), ref.repository()));
            } catch (InvalidReferenceException e) {
                throw new RunRequestException(e.getMessage());
            }
        }
        return locations;
    }

    /**
     * A policy from {@code base} with what the user gave over it.
     *
     * @param keep    the newest versions to keep
     * @param minAge  versions younger than this are kept ({@code 7d}, {@code 36h}, {@code PT12H})
     * @param protect regular expressions of tags whose versions are kept; replaces the base's list
     */
    public static RetentionPolicy policy(RetentionPolicy base, Optional<Integer> keep, Optional<String> minAge,
                                         List<String> protect) throws RunRequestException {
        try {
            Duration age = minAge.isEmpty() ? base.minAge() : UpstreamSettings.parseInterval(minAge.get());
            List<Pattern> patterns = protect.isEmpty() ? base.protectedTags()
                    : protect.stream().map(Pattern::compile).toList();
            return new RetentionPolicy(keep.orElse(base.keep()), age, patterns);
        } catch (PatternSyntaxException e) {
            throw new RunRequestException("the protected tag pattern '" + e.getPattern()
                    + "' is not a regular expression: " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new RunRequestException(e.getMessage());
        }
    }

    /** Plans every repository, and deletes what the policy lets go when {@code confirm}. */
    public Outcome run(List<ImageLocation> repositories, RetentionPolicy policy, boolean confirm)
            throws RegistryException, IOException, InterruptedException {
        List<Retention.RepositoryPlan> plans = new ArrayList<>();
        List<Retention.Deletion> failures = new ArrayList<>();
        for (ImageLocation location : repositories) {
            Retention.RepositoryPlan plan = retention.plan(location, policy);
            plans.add(plan);
            if (confirm) {
                retention.apply(plan).stream().filter(deletion -> deletion.error() != null).forEach(failures::add);
            }
        }
        return new Outcome(!confirm, plans, failures);
    }
}
