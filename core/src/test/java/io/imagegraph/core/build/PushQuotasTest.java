package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.quota.ByteSize;
import io.imagegraph.core.quota.QuotaEntry;
import io.imagegraph.core.quota.QuotaUsage;
import io.imagegraph.core.quota.StorageUsage;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.run.PruneRun;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's own pushes kept under the graph's quotas, with the real Docker Engine and CNCF registry. */
class PushQuotasTest {

    private static final int DATA_BYTES = 256 * 1024;

    @TempDir
    Path dir;
    private DockerDaemon docker;
    private LoopbackRegistry server;
    private GraphFixture fixture;
    private String namespace;
    private final List<BuildEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void graph() throws Exception {
        docker = DockerDaemon.shared();
        server = LoopbackRegistry.start();
        namespace = "pq" + Long.toHexString(System.nanoTime());
        fixture = new GraphFixture(dir).graphFile("namespace: " + namespace + "\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\n")
                .image("app", "FROM base\nCOPY data.bin /data.bin\n")
                .image("leaf", "FROM app\nCOPY leaf.txt /leaf.txt\n").file("images/leaf/leaf.txt", "leaf\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void appData(long seed) throws Exception {
        byte[] data = new byte[DATA_BYTES];
        new Random(seed).nextBytes(data);
        Files.write(dir.resolve("images/app/data.bin"), data);
    }

    private Registries registries() {
        return host -> DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(host)),
                CredentialResolver.anonymous());
    }

    private Map<String, ImageResult> build() throws Exception {
        return build("test");
    }

    private Map<String, ImageResult> build(String tag) throws Exception {
        events.clear();
        GraphLoadResult loaded = fixture.load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), Optional.empty());
        GraphBuild build = new GraphBuild(BuildTools.local(new LocalProcessRunner(), "/usr/bin/docker", "buildah",
                docker.environment()), new JsonLinesLineageStore(dir.resolve(".imagegraph/lineage.jsonl")), events::add,
                Clock.systemUTC(), Optional.of(registries().named(server.host())));
        String run = "run-" + System.nanoTime();
        BuildOptions options = new BuildOptions(run, List.of(tag), 2, false, false, 0, Duration.ofMillis(10),
                dir.resolve(".imagegraph/" + run), Optional.empty(), Optional.empty(), Optional.of(server.host()), true,
                Optional.empty(), Optional.empty());
        return build.run(plan, options).images().stream()
                .collect(Collectors.toMap(ImageResult::name, Function.identity()));
    }

    private long namespaceBytes() throws Exception {
        List<String> repositories = List.of("base", "app", "leaf").stream()
                .map(image -> server.host() + "/" + namespace + "/" + image).toList();
        List<QuotaUsage> usage = new StorageUsage(registries()).usage(List.of(new QuotaEntry(server.host() + "/"
                + namespace, null, null, 1000).quota()), repositories);
        return usage.get(0).bytes();
    }

    @Test
    void aPushPastTheNamespacesBytes_isRefusedBeforeItStarts_andPassesOncePruneHasRun() throws Exception {
        appData(1);
        assertThat(build().values()).extracting(ImageResult::status).containsOnly(ImageStatus.BUILT);
        long limit = namespaceBytes() + DATA_BYTES * 3L / 2;
        fixture.graphFile("namespace: " + namespace + "\nquotas:\n  - namespace: " + server.host() + "/" + namespace
                + "\n    bytes: \"" + limit + "\"\n");
        appData(2);
        Map<String, ImageResult> second = build();
        assertThat(second.values()).extracting(ImageResult::status)
                .containsExactlyInAnyOrder(ImageStatus.REUSED, ImageStatus.BUILT, ImageStatus.BUILT);

        appData(3);
        Map<String, ImageResult> refused = build();
        ImageResult app = refused.get("app");
        String repository = server.host() + "/" + namespace + "/app";
        assertThat(app.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(app.reason()).contains("refused before pushing " + repository
                + ": the push would put namespace " + server.host() + "/" + namespace + " at ")
                .contains(" of " + ByteSize.format(limit) + ", ").contains("over its quota (it holds ")
                .contains("imagegraph prune");
        assertThat(refused.get("leaf").status()).isEqualTo(ImageStatus.PARENT_FAILED);
        assertThat(refused.get("base").status()).isEqualTo(ImageStatus.REUSED);
        assertThat(events).noneMatch(e -> e instanceof BuildEvent.Started started && started.image().equals("app")
                && started.action().startsWith("pushing"));
        assertThat(server.manifestStatus(namespace + "/app", ImageNames.INPUT_TAG_PREFIX
                + app.inputDigest().replace(':', '-'))).as("nothing of it pushed").isEqualTo(404);
        assertThat(namespaceBytes()).isLessThanOrEqualTo(limit);

        PruneRun.Outcome pruned = new PruneRun(registries(), StateDirectory.at(dir.resolve(".imagegraph")),
                Clock.systemUTC()).run(List.of(new ImageLocation(server.host(),
                        RepositoryName.of(namespace + "/app")), new ImageLocation(server.host(),
                        RepositoryName.of(namespace + "/leaf"))),
                new RetentionPolicy(1, Duration.ZERO, List.of()), true);
        assertThat(pruned.succeeded()).isTrue();
        assertThat(pruned.deletions()).isPositive();

        Map<String, ImageResult> passed = build();
        // built in the refused run, so now found in the local store and pushed, not built again
        assertThat(passed.get("app").status()).as(passed.get("app").reason()).isEqualTo(ImageStatus.REUSED);
        assertThat(passed.get("app").reason()).contains("(pushed, not built)");
        assertThat(server.manifestStatus(namespace + "/app", ImageNames.INPUT_TAG_PREFIX
                + app.inputDigest().replace(':', '-'))).isEqualTo(200);
        assertThat(passed.get("leaf").status()).isEqualTo(ImageStatus.BUILT);
        assertThat(server.manifestStatus(namespace + "/app", "test")).isEqualTo(200);
        assertThat(namespaceBytes()).isLessThanOrEqualTo(limit);
    }

    @Test
    void aPushPastARepositorysTags_isRefusedWithTheTagCount() throws Exception {
        appData(4);
        fixture.graphFile("namespace: " + namespace + "\nquotas:\n  - repository: " + server.host() + "/" + namespace
                + "/app\n    tags: 2\n");
        assertThat(build().values()).extracting(ImageResult::status).containsOnly(ImageStatus.BUILT);
        appData(5);
        Map<String, ImageResult> refused = build();
        assertThat(refused.get("app").status()).isEqualTo(ImageStatus.FAILED);
        assertThat(refused.get("app").reason()).contains("the push would put repository " + server.host() + "/"
                + namespace + "/app at ").contains("3 tags of 2").contains("it holds ").contains("2 tags of 2");
        assertThat(refused.get("leaf").status()).isEqualTo(ImageStatus.PARENT_FAILED);
    }

    @Test
    void aReuseFromTheRegistry_whoseNewTagWouldPassARepositorysTags_isRefusedBeforeTheTagMoves() throws Exception {
        appData(6);
        assertThat(build().values()).extracting(ImageResult::status).containsOnly(ImageStatus.BUILT);
        fixture.graphFile("namespace: " + namespace + "\nquotas:\n  - repository: " + server.host() + "/" + namespace
                + "/app\n    tags: 2\n");
        Map<String, ImageResult> refused = build("pr-7");
        assertThat(refused.get("base").status()).isEqualTo(ImageStatus.REUSED);
        assertThat(refused.get("app").status()).isEqualTo(ImageStatus.FAILED);
        assertThat(refused.get("app").reason()).startsWith("refused before tagging " + server.host() + "/" + namespace
                + "/app: the run's tags would put repository " + server.host() + "/" + namespace + "/app at ");
        assertThat(refused.get("app").reason()).contains(", 3 tags of 2, over its quota (it holds ")
                .contains(", 2 tags of 2 now)");
        // leaf's repository has no quota: found in the registry by its own input digest, it gets its tag
        assertThat(refused.get("leaf").status()).isEqualTo(ImageStatus.REUSED);
        assertThat(server.manifestStatus(namespace + "/app", "pr-7")).as("the tag did not move").isEqualTo(404);
        assertThat(server.manifestStatus(namespace + "/base", "pr-7")).isEqualTo(200);
    }
}
