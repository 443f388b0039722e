package io.imagegraph.core.build;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the build-host tests share: a busybox base in a fresh namespace, and a run of a graph on build hosts. */
final class HostsBuild {

    private HostsBuild() {
    }

    /** A graph folder with only its busybox base, in a namespace of its own ({@code namespace} + a unique suffix). */
    static GraphFixture busyboxBase(Path dir, String namespace) throws Exception {
        GraphFixture fixture = new GraphFixture(dir)
                .graphFile("namespace: " + namespace + Long.toHexString(System.nanoTime()) + "\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
        return fixture;
    }

    /**
     * Builds the whole graph on {@code hosts}, parents through the plain-HTTP {@code registry}, with
     * {@code docker} as the hosts' client (Debian's /usr/bin/docker builds through BuildKit without buildx).
     */
    static BuildReport run(Path dir, GraphFixture fixture, List<BuildHost> hosts, String registry, int retries,
                           BuildEventSink events, String docker) throws Exception {
        GraphLoadResult loaded = fixture.load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), Optional.empty());
        LocalProcessRunner runner = new LocalProcessRunner();
        Set<String> plainHttp = Set.of(registry);
        ManifestStore store = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(registry), plainHttp),
                CredentialResolver.anonymous(), new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)));
        BuildHosts connected = BuildHosts.connect(hosts, runner, docker, Map.of(),
                environment -> BuildTools.local(runner, docker, "buildah", environment, plainHttp));
        GraphBuild build = new GraphBuild(BuildTools.local(runner, "docker", "buildah", Map.of()),
                new JsonLinesLineageStore(dir.resolve(".imagegraph/lineage.jsonl")), events, Clock.systemUTC(),
                Optional.of(store)).onHosts(connected);
        BuildOptions options = new BuildOptions("run-" + System.nanoTime(), List.of("test"), 1, false, false, retries,
                Duration.ofMillis(10), dir.resolve(".imagegraph/run"), Optional.empty(), Optional.empty(),
                Optional.of(registry), true);
        return build.run(plan, options);
    }
}
