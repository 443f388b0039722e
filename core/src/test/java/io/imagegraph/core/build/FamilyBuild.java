package io.imagegraph.core.build;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.ChangeSet;
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
import io.imagegraph.core.testing.BuildahStore;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small family of images (base, mid FROM base, leaf FROM mid, sibling FROM base) in a folder,
 * built by {@link GraphBuild} with the real Docker Engine and buildah store of the tests; the
 * build tests of this package share it ({@code @RegisterExtension}), a fresh folder for each test,
 * removed after it. Options that a test changes are set before its build.
 */
final class FamilyBuild implements BeforeEachCallback, AfterEachCallback {

    Path dir;
    DockerDaemon docker;
    final List<BuildEvent> events = new CopyOnWriteArrayList<>();
    JsonLinesLineageStore lineage;
    GraphFixture fixture;
    int retries = 0;
    Optional<String> revision = Optional.of("abc123");
    boolean rebuild = false;
    Clock clock = Clock.systemUTC();
    Optional<Duration> refreshOlderThan = Optional.empty();

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("imagegraph-family-");
        docker = DockerDaemon.shared();
        lineage = new JsonLinesLineageStore(dir.resolve(".imagegraph/lineage.jsonl"));
        fixture = new GraphFixture(dir)
                .graphFile("namespace: t" + Long.toHexString(System.nanoTime()) + "\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
                        + "COPY base.txt /base.txt\n")
                .file("images/base/base.txt", "base v1\n")
                .image("mid", "FROM base\nCOPY mid.txt /mid.txt\n").file("images/mid/mid.txt", "mid\n")
                .image("leaf", "FROM mid\nCOPY leaf.txt /leaf.txt\n").file("images/leaf/leaf.txt", "leaf v1\n")
                .image("sibling", "FROM base\nRUN cat /base.txt > /copy.txt\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
    }

    /** Gives the family's graph file a namespace of its own (prefix + a unique suffix) and returns it. */
    String ownNamespace(String prefix) {
        String namespace = prefix + Long.toHexString(System.nanoTime());
        fixture.graphFile("namespace: " + namespace + "\n");
        return namespace;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    BuildReport build() throws Exception {
        return build(Optional.empty(), false);
    }

    BuildReport build(Optional<ChangeSet> changes, boolean failFast) throws Exception {
        return build(changes, failFast, Optional.empty());
    }

    BuildReport build(Optional<ChangeSet> changes, boolean failFast, Optional<String> registry) throws Exception {
        return build(changes, failFast, registry, "test");
    }

    BuildReport build(Optional<ChangeSet> changes, boolean failFast, Optional<String> registry, String tag)
            throws Exception {
        GraphLoadResult loaded = fixture.load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), changes);
        LocalProcessRunner runner = new LocalProcessRunner();
        Optional<ManifestStore> client = registry.map(host -> DistributionRegistry.of(
                RegistryEndpoint.of(RegistryHost.parse(host)), CredentialResolver.anonymous(),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10))));
        Map<String, String> environment = new HashMap<>(docker.environment());
        environment.putAll(BuildahStore.shared().environment());
        GraphBuild build = new GraphBuild(BuildTools.local(runner, "/usr/bin/docker", "buildah", environment), lineage,
                events::add, clock, client);
        BuildOptions options = new BuildOptions("run-" + System.nanoTime(), List.of(tag), 2, failFast, rebuild, retries,
                Duration.ofMillis(10), dir.resolve(".imagegraph/run-" + System.nanoTime()), revision,
                Optional.empty(), registry, registry.isPresent(), Optional.empty(), refreshOlderThan);
        return build.run(plan, options);
    }

    static Map<String, ImageResult> byName(BuildReport report) {
        return report.images().stream().collect(Collectors.toMap(ImageResult::name, Function.identity()));
    }

    static Map<String, ImageStatus> statuses(BuildReport report) {
        return report.images().stream().collect(Collectors.toMap(ImageResult::name, ImageResult::status));
    }

    String label(String imageId, String key) throws Exception {
        return docker.docker("image", "inspect", "--format", "{{index .Config.Labels \"" + key + "\"}}", imageId)
                .stdout().strip();
    }
}
