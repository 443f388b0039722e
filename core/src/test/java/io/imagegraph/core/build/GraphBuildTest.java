package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.testing.BuildahStore;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.registry.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds small graphs with the real Docker Engine (see {@link DockerDaemon}). */
class GraphBuildTest {

    @TempDir
    Path dir;
    private DockerDaemon docker;
    private GraphFixture fixture;
    private final List<BuildEvent> events = new CopyOnWriteArrayList<>();
    private JsonLinesLineageStore lineage;

    @BeforeEach
    void family() throws Exception {
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

    private Map<String, String> toolEnvironment() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(docker.environment());
        environment.putAll(BuildahStore.shared().environment());
        return environment;
    }

    private int retries = 0;
    private Optional<String> revision = Optional.of("abc123");
    private boolean rebuild = false;
    private Clock clock = Clock.systemUTC();
    private Optional<Duration> refreshOlderThan = Optional.empty();

    private BuildReport build(Optional<ChangeSet> changes, boolean failFast) throws Exception {
        return build(changes, failFast, Optional.empty());
    }

    private BuildReport build(Optional<ChangeSet> changes, boolean failFast, Optional<String> registry) throws Exception {
        return build(changes, failFast, registry, "test");
    }

    private BuildReport build(Optional<ChangeSet> changes, boolean failFast, Optional<String> registry, String tag)
            throws Exception {
        GraphLoadResult loaded = fixture.load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), changes);
        LocalProcessRunner runner = new LocalProcessRunner();
        Optional<ManifestStore> client = registry.map(host -> DistributionRegistry.of(
                RegistryEndpoint.of(RegistryHost.parse(host)), CredentialResolver.anonymous(),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10))));
        GraphBuild build = new GraphBuild(BuildTools.local(runner, "/usr/bin/docker", "buildah", toolEnvironment()), lineage,
                events::add, clock, client);
        BuildOptions options = new BuildOptions("run-" + System.nanoTime(), List.of(tag), 2, failFast, rebuild, retries,
                Duration.ofMillis(10), dir.resolve(".imagegraph/run-" + System.nanoTime()), revision,
                Optional.empty(), registry, registry.isPresent(), Optional.empty(), refreshOlderThan);
        return build.run(plan, options);
    }

    private static Map<String, ImageResult> byName(BuildReport report) {
        return report.images().stream().collect(Collectors.toMap(ImageResult::name, Function.identity()));
    }

    private static Map<String, ImageStatus> statuses(BuildReport report) {
        return report.images().stream().collect(Collectors.toMap(ImageResult::name, ImageResult::status));
    }

    private String label(String imageId, String key) throws Exception {
        return docker.docker("image", "inspect", "--format", "{{index .Config.Labels \"" + key + "\"}}", imageId)
                .stdout().strip();
    }

    @Test
    void lociFamily_buildsBaseThenWheelsThenProjects_withLocisBuildArgsAndTheWheelsPinned(@TempDir Path loci)
            throws Exception {
        fixture = GraphFixture.copyOfExample("loci", loci);
        Files.writeString(loci.resolve("imagegraph.yaml"), Files.readString(loci.resolve("imagegraph.yaml"))
                .replace("namespace: loci", "namespace: loci" + Long.toHexString(System.nanoTime())));
        Busybox.copyInto(loci.resolve("images/base/container-assets/busybox"));
        BuildReport report = build(Optional.empty(), false);
        Map<String, ImageResult> results = byName(report);
        assertThat(statuses(report)).as(report.images().toString()).containsEntry("base", ImageStatus.BUILT).containsEntry("requirements",
                ImageStatus.BUILT).containsEntry("keystone", ImageStatus.BUILT).containsEntry("glance", ImageStatus.BUILT);
        List<String> started = events.stream().filter(e -> e instanceof BuildEvent.Started)
                .map(e -> ((BuildEvent.Started) e).image()).toList();
        assertThat(started.indexOf("base")).isLessThan(started.indexOf("requirements"));
        assertThat(started.indexOf("requirements")).isLessThan(started.indexOf("keystone"))
                .isLessThan(started.indexOf("glance"));
        String requirements = results.get("requirements").imageId().orElseThrow();
        String keystone = results.get("keystone").imageId().orElseThrow();
        List<String> buildArgs = docker.docker("run", "--rm", "--network", "none", "--entrypoint", "/bin/cat", keystone,
                "/opt/loci/build-args").stdout().lines().toList();
        // WHEELS is a reference LOCI can fetch (the requirements image's input-digest tag), never an image ID
        String wheels = buildArgs.stream().filter(line -> line.startsWith("WHEELS=")).findFirst().orElseThrow()
                .substring("WHEELS=".length());
        assertThat(wheels).doesNotStartWith("sha256:").contains("/requirements:input-sha256-");
        assertThat(docker.docker("image", "inspect", "--format", "{{.Id}}", wheels).stdout().strip()).isEqualTo(requirements);
        assertThat(buildArgs).contains("PROJECT=keystone",
                "PROJECT_REPO=https://opendev.org/openstack/keystone", "PROJECT_REF=stable/2024.1",
                "PROFILES=apache ldap", "PIP_PACKAGES=python-openstackclient", "UID=42425",
                "GID=42424");
        assertThat(docker.docker("run", "--rm", "--network", "none", "--entrypoint", "/bin/cat", requirements,
                "/opt/loci/build-args").stdout()).contains("PROJECT=requirements").contains("WHEELS=scratch\n");
        // keystone's project stage had the requirements image's wheels bind-mounted (RUN --mount from=wheels)
        assertThat(docker.docker("run", "--rm", "--network", "none", "--entrypoint", "/bin/cat", keystone,
                "/opt/loci/wheels-used").stdout()).startsWith("wheels of openstack/requirements");
        assertThat(label(keystone, "org.opencontainers.image.base.digest"))
                .isEqualTo(results.get("base").imageId().orElseThrow());
        BuildReport again = build(Optional.empty(), false);
        assertThat(statuses(again).values()).containsOnly(ImageStatus.REUSED);
    }

    @Test
    void failingImageInTheMiddle_stopsItsDescendantsOnly() throws Exception {
        fixture.image("broken", "FROM base\nRUN echo about to fail && exit 3\n").image("after", "FROM broken\n");
        BuildReport report = build(Optional.empty(), false);
        assertThat(statuses(report)).containsEntry("base", ImageStatus.BUILT).containsEntry("mid", ImageStatus.BUILT)
                .containsEntry("leaf", ImageStatus.BUILT).containsEntry("sibling", ImageStatus.BUILT)
                .containsEntry("broken", ImageStatus.FAILED).containsEntry("after", ImageStatus.PARENT_FAILED);
        assertThat(report.succeeded()).isFalse();
        ImageResult broken = byName(report).get("broken");
        // the legacy client exits with the step's code, a BuildKit one with 1
        assertThat(broken.reason()).matches("(.*/)?docker build exited with [13] at 'RUN echo about to fail && exit 3':"
                + " about to fail");
        assertThat(Files.readString(Path.of(broken.logFile().orElseThrow()))).contains("about to fail");
        // BuildKit prefixes a step's output with its number and time: "#6 0.43 about to fail"
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(BuildEvent.Output.class,
                output -> assertThat(output.image() + " " + output.line()).startsWith("broken").endsWith("about to fail")));
    }

    @Test
    void secondRun_reusesEveryImage() throws Exception {
        BuildReport first = build(Optional.empty(), false);
        assertThat(first.succeeded()).isTrue();
        BuildReport second = build(Optional.empty(), false);
        assertThat(statuses(second).values()).containsOnly(ImageStatus.REUSED);
        assertThat(byName(second).get("leaf").imageId()).isEqualTo(byName(first).get("leaf").imageId());
    }

    @Test
    void childIsPinnedToTheParentThisRunBuilt_andLabelledWithLineage() throws Exception {
        BuildReport report = build(Optional.empty(), false);
        String mid = byName(report).get("mid").imageId().orElseThrow();
        String leaf = byName(report).get("leaf").imageId().orElseThrow();
        assertThat(label(leaf, "org.opencontainers.image.base.digest")).isEqualTo(mid);
        assertThat(label(leaf, "org.opencontainers.image.revision")).isEqualTo("abc123");
        assertThat(label(leaf, "io.imagegraph.input-digest")).isEqualTo(byName(report).get("leaf").inputDigest());
        assertThat(docker.docker("run", "--rm", "--network", "none", leaf, "/bin/cat", "/base.txt", "/mid.txt",
                "/leaf.txt").stdout()).isEqualTo("base v1\nmid\nleaf v1\n");
        LineageRecord leafRecord = lineage.records().stream().filter(r -> r.image().equals("leaf")).findFirst().orElseThrow();
        assertThat(leafRecord.digest()).isEqualTo(leaf);
        assertThat(leafRecord.parents()).containsExactly(new LineageRecord.ParentDigest("mid", mid));
        assertThat(leafRecord.sourceRevision()).isEqualTo("abc123");
        assertThat(leafRecord.status()).isEqualTo("built");
        assertThat(lineage.records()).hasSize(4);
    }

    @Test
    void leafChange_rebuildsExactlyTheLeaf() throws Exception {
        BuildReport first = build(Optional.empty(), false);
        fixture.file("images/leaf/leaf.txt", "leaf v2\n");
        BuildReport second = build(Optional.of(new ChangeSet("test", List.of("images/leaf/leaf.txt"))), false);
        assertThat(statuses(second)).containsEntry("leaf", ImageStatus.BUILT).containsEntry("mid", ImageStatus.REUSED)
                .containsEntry("base", ImageStatus.REUSED).containsEntry("sibling", ImageStatus.NOT_SELECTED);
        assertThat(byName(second).get("leaf").imageId()).isNotEqualTo(byName(first).get("leaf").imageId());
        assertThat(byName(second).get("mid").reason()).contains("needed by leaf");
    }

    @Test
    void baseChange_rebuildsEverythingUnderIt() throws Exception {
        BuildReport first = build(Optional.empty(), false);
        fixture.file("images/base/base.txt", "base v2\n");
        BuildReport second = build(Optional.of(new ChangeSet("test", List.of("images/base/base.txt"))), false);
        assertThat(statuses(second).values()).containsOnly(ImageStatus.BUILT);
        for (String name : List.of("base", "mid", "leaf", "sibling")) {
            assertThat(byName(second).get(name).imageId()).as(name).isNotEqualTo(byName(first).get(name).imageId());
        }
        String sibling = byName(second).get("sibling").imageId().orElseThrow();
        assertThat(docker.docker("run", "--rm", "--network", "none", sibling, "/bin/cat", "/copy.txt").stdout())
                .isEqualTo("base v2\n");
    }

    @Test
    void buildah_buildsAFamilyInItsOwnStore() throws Exception {
        fixture.graphFile("namespace: bh" + Long.toHexString(System.nanoTime()) + "\n"
                + "images:\n  base: {builder: buildah}\n  mid: {builder: buildah}\n  leaf: {builder: buildah}\n"
                + "  sibling: {builder: buildah}\n");
        BuildReport report = build(Optional.empty(), false);
        assertThat(statuses(report).values()).containsOnly(ImageStatus.BUILT);
        BuildReport again = build(Optional.empty(), false);
        assertThat(statuses(again).values()).containsOnly(ImageStatus.REUSED);
        assertThat(byName(again).get("leaf").imageId()).isEqualTo(byName(report).get("leaf").imageId());
    }

    @Test
    void buildah_withALoopbackRegistry_pushesOverPlainHttp() throws Exception {
        String namespace = "bp" + Long.toHexString(System.nanoTime());
        fixture.graphFile("namespace: " + namespace + "\n"
                + "images:\n  base: {builder: buildah}\n  mid: {builder: buildah}\n  leaf: {builder: buildah}\n"
                + "  sibling: {builder: buildah}\n");
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            BuildReport report = build(Optional.empty(), false, Optional.of(registry.host()));
            assertThat(statuses(report).values()).as(report.images().toString()).containsOnly(ImageStatus.BUILT);
            assertThat(registry.manifestStatus(namespace + "/leaf", "test")).isEqualTo(200);
        }
    }

    @Test
    void notAGitCheckout_revisionAndSourceLabelsAreEmpty_neverInheritedFromTheBase() throws Exception {
        build(Optional.empty(), false);
        revision = Optional.empty();
        fixture.file("images/leaf/leaf.txt", "leaf v2\n");
        ImageResult leaf = byName(build(Optional.empty(), false)).get("leaf");
        assertThat(leaf.status()).isEqualTo(ImageStatus.BUILT);
        String id = leaf.imageId().orElseThrow();
        assertThat(docker.docker("image", "inspect", "--format", "{{json .Config.Labels}}", id).stdout())
                .contains("\"org.opencontainers.image.revision\":\"\"")
                .contains("\"org.opencontainers.image.source\":\"\"");
    }

    @Test
    void buildReasons_sayWhy_firstBuildChangedInputRebuiltParentAndRebuild() throws Exception {
        BuildReport first = build(Optional.empty(), false);
        assertThat(byName(first).get("base").reason()).isEqualTo("built: first build (no image has its input digest yet)");
        fixture.file("images/base/base.txt", "base v2\n");
        BuildReport changed = build(Optional.of(new ChangeSet("test", List.of("images/base/base.txt"))), false);
        assertThat(byName(changed).get("base").reason())
                .isEqualTo("built: input digest changed: changed in its build context: images/base/base.txt");
        assertThat(byName(changed).get("mid").reason()).isEqualTo("built: its parent base was rebuilt");
        fixture.file("images/base/base.txt", "base v3\n");
        assertThat(byName(build(Optional.empty(), false)).get("base").reason())
                .startsWith("built: input digest changed since run run-");
        rebuild = true;
        assertThat(byName(build(Optional.empty(), false)).get("leaf").reason())
                .isEqualTo("built: --rebuild builds every image of the run");
    }

    @Test
    void freshness_anImageLastBuiltLongerAgo_isRebuiltWithItsChildren_andTheReasonSaysSo() throws Exception {
        fixture.graphFile("namespace: fr" + Long.toHexString(System.nanoTime()) + "\nfreshness: 24h\n");
        BuildReport first = build(Optional.empty(), false);
        assertThat(statuses(first).values()).containsOnly(ImageStatus.BUILT);
        clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(12));
        assertThat(statuses(build(Optional.empty(), false)).values()).containsOnly(ImageStatus.REUSED);
        clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(31));
        BuildReport refreshed = build(Optional.empty(), false);
        assertThat(statuses(refreshed).values()).containsOnly(ImageStatus.BUILT);
        assertThat(byName(refreshed).get("base").reason()).isEqualTo("built: last built 31 h ago, freshness 24 h");
        // mid and leaf are as old as base: their own freshness is the reason
        assertThat(byName(refreshed).get("mid").reason()).isEqualTo("built: last built 31 h ago, freshness 24 h");
        assertThat(byName(refreshed).get("leaf").reason()).isEqualTo("built: last built 31 h ago, freshness 24 h");
        assertThat(statuses(build(Optional.empty(), false)).values()).containsOnly(ImageStatus.REUSED);
    }

    @Test
    void refreshOlderThan_overridesTheGraphFile() throws Exception {
        build(Optional.empty(), false);
        clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(3));
        refreshOlderThan = Optional.of(Duration.ofHours(2));
        BuildReport refreshed = build(Optional.empty(), false);
        assertThat(byName(refreshed).get("base").reason()).isEqualTo("built: last built 3 h ago, freshness 2 h");
    }

    @Test
    void parentInAnotherStore_isRefusedWithTheReason() throws Exception {
        fixture.graphFile("namespace: mx" + Long.toHexString(System.nanoTime()) + "\nimages:\n  mid: {builder: buildah}\n");
        BuildReport report = build(Optional.empty(), false);
        assertThat(statuses(report)).containsEntry("base", ImageStatus.BUILT).containsEntry("mid", ImageStatus.FAILED)
                .containsEntry("leaf", ImageStatus.PARENT_FAILED);
        assertThat(byName(report).get("mid").reason()).contains("its parent base is built into the docker store");
    }

    @Test
    void scriptBuilder_getsItsInputsFromTheEnvironment_andReportsTheImage() throws Exception {
        fixture.graphFile("namespace: sc" + Long.toHexString(System.nanoTime()) + "\n"
                + "images:\n  scripted:\n    builder: script\n    command: [sh, build.sh]\n    context: scripted\n"
                + "    dependsOn: [base]\n    buildArgs: {GREETING: hello}\n")
                .file("scripted/Dockerfile", "ARG BASE\nFROM $BASE\nARG GREETING\nRUN echo $GREETING > /greeting\n")
                .file("build.sh", "set -e\necho \"building $IMAGEGRAPH_IMAGE\"\n"
                        + "tags=\"\"; for t in $IMAGEGRAPH_TAGS; do tags=\"$tags -t $t\"; done\n"
                        + "docker build --network none -q $tags --build-arg BASE=$IMAGEGRAPH_PARENT_BASE"
                        + " --build-arg GREETING=$IMAGEGRAPH_BUILD_ARG_GREETING \"$IMAGEGRAPH_CONTEXT\""
                        + " > \"$IMAGEGRAPH_IMAGE_ID_FILE\"\n");
        BuildReport report = build(Optional.empty(), false);
        ImageResult scripted = byName(report).get("scripted");
        assertThat(scripted.status()).as(scripted.reason()).isEqualTo(ImageStatus.BUILT);
        assertThat(docker.docker("run", "--rm", "--network", "none", scripted.imageId().orElseThrow(), "/bin/cat",
                "/greeting").stdout()).isEqualTo("hello\n");
        assertThat(events).contains(new BuildEvent.Output("scripted", "building scripted"));
    }

    @Test
    void transientFailure_unreachableDaemon_isRetriedWithBackoffThenBuilt() throws Exception {
        retries = 2;
        fixture.graphFile("namespace: tf" + Long.toHexString(System.nanoTime()) + "\n"
                + "images:\n  flaky:\n    builder: script\n    command: [sh, flaky.sh]\n    context: flaky\n"
                + "    dependsOn: [base]\n")
                .file("flaky/Dockerfile", "ARG BASE\nFROM $BASE\nRUN echo ok > /ok\n")
                .file("flaky.sh", "if [ ! -f attempted.marker ]; then\n  touch attempted.marker\n"
                        + "  exec docker -H unix:///nonexistent/docker.sock build \"$IMAGEGRAPH_CONTEXT\"\nfi\n"
                        + "docker build --network none -q --build-arg BASE=$IMAGEGRAPH_PARENT_BASE \"$IMAGEGRAPH_CONTEXT\""
                        + " > \"$IMAGEGRAPH_IMAGE_ID_FILE\"\n");
        ImageResult flaky = byName(build(Optional.empty(), false)).get("flaky");
        assertThat(flaky.status()).as(flaky.reason()).isEqualTo(ImageStatus.BUILT);
        assertThat(flaky.attempts()).isEqualTo(2);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(BuildEvent.Retrying.class, retrying -> {
            assertThat(retrying.image()).isEqualTo("flaky");
            assertThat(retrying.reason()).containsIgnoringCase("cannot connect to the docker daemon");
        }));
    }

    @Test
    void failureThatIsNotTransient_isNotRetried() throws Exception {
        retries = 2;
        fixture.image("broken", "FROM base\nRUN exit 3\n");
        ImageResult broken = byName(build(Optional.empty(), false)).get("broken");
        assertThat(broken.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(broken.attempts()).isEqualTo(1);
        assertThat(events).noneMatch(e -> e instanceof BuildEvent.Retrying);
    }

    @Test
    void scriptThatReportsNoImage_fails() throws Exception {
        fixture.graphFile("namespace: sn" + Long.toHexString(System.nanoTime()) + "\n"
                + "images:\n  scripted:\n    builder: script\n    command: [\"true\"]\n");
        ImageResult scripted = byName(build(Optional.empty(), false)).get("scripted");
        assertThat(scripted.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(scripted.reason()).isEqualTo("true succeeded but did not write the image ID to $IMAGEGRAPH_IMAGE_ID_FILE");
    }

    @Test
    void withARegistry_everyImageIsPushedUnderEachTag() throws Exception {
        String namespace = "ps" + Long.toHexString(System.nanoTime());
        fixture.graphFile("namespace: " + namespace + "\n");
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            BuildReport report = build(Optional.empty(), false, Optional.of(registry.host()));
            assertThat(statuses(report).values()).containsOnly(ImageStatus.BUILT);
            ImageResult leaf = byName(report).get("leaf");
            assertThat(leaf.tags()).contains(registry.host() + "/" + namespace + "/leaf:test");
            assertThat(registry.manifestStatus(namespace + "/leaf", "test")).isEqualTo(200);
            assertThat(registry.manifestStatus(namespace + "/leaf",
                    "input-" + leaf.inputDigest().replace(':', '-'))).isEqualTo(200);
            assertThat(registry.manifestStatus(namespace + "/nope", "test")).isEqualTo(404);
            String repository = registry.host() + "/" + namespace + "/leaf";
            assertThat(lineage.records()).filteredOn(r -> r.image().equals("leaf"))
                    .extracting(LineageRecord::repository).containsExactly(repository);
            assertThat(label(leaf.imageId().orElseThrow(), "org.opencontainers.image.base.name"))
                    .isEqualTo(registry.host() + "/" + namespace + "/mid");
        }
    }

    @Test
    void withARegistry_secondRun_reusesFromTheRegistryAndMovesTheRunTagThere() throws Exception {
        String namespace = "rr" + Long.toHexString(System.nanoTime());
        fixture.graphFile("namespace: " + namespace + "\n");
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            BuildReport first = build(Optional.empty(), false, Optional.of(server.host()), "test");
            assertThat(statuses(first).values()).containsOnly(ImageStatus.BUILT);
            events.clear();
            BuildReport second = build(Optional.empty(), false, Optional.of(server.host()), "pr-7");
            assertThat(statuses(second).values()).containsOnly(ImageStatus.REUSED);
            DistributionRegistry registry = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(server.host())),
                    CredentialResolver.anonymous());
            for (ImageResult result : second.images()) {
                String digest = byName(first).get(result.name()).digest().orElseThrow();
                assertThat(result.digest()).as(result.name()).contains(digest);
                assertThat(result.imageId()).as("not read from the local store").isEmpty();
                assertThat(registry.head(RepositoryName.of(namespace + "/" + result.name()), "pr-7").orElseThrow()
                        .digest()).hasToString(digest);
                assertThat(result.reason()).startsWith("the registry has an image with the same input digest");
            }
            assertThat(events).noneMatch(e -> e instanceof BuildEvent.Started started
                    && started.action().startsWith("building"));
        }
    }

    @Test
    void withARegistry_childOfAParentOnlyInTheRegistry_isBuiltFromTheParentsDigest() throws Exception {
        String namespace = "rp" + Long.toHexString(System.nanoTime());
        fixture.graphFile("namespace: " + namespace + "\n");
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            BuildReport first = build(Optional.empty(), false, Optional.of(server.host()), "test");
            String midDigest = byName(first).get("mid").digest().orElseThrow();
            String midRepository = server.host() + "/" + namespace + "/mid";
            for (String tag : byName(first).get("mid").tags()) {
                docker.docker("rmi", tag);
            }
            fixture.file("images/leaf/leaf.txt", "leaf v2\n");
            BuildReport second = build(Optional.of(new ChangeSet("test", List.of("images/leaf/leaf.txt"))), false,
                    Optional.of(server.host()), "test");
            assertThat(statuses(second)).containsEntry("leaf", ImageStatus.BUILT).containsEntry("mid", ImageStatus.REUSED);
            ImageResult leaf = byName(second).get("leaf");
            assertThat(label(leaf.imageId().orElseThrow(), "org.opencontainers.image.base.digest")).isEqualTo(midDigest);
            assertThat(docker.docker("run", "--rm", "--network", "none", leaf.imageId().orElseThrow(), "/bin/cat",
                    "/mid.txt", "/leaf.txt").stdout()).isEqualTo("mid\nleaf v2\n");
            // built FROM the parent's digest in the registry (BuildKit and the legacy builder both log it)
            assertThat(Files.readString(Path.of(leaf.logFile().orElseThrow()))).contains(midRepository + "@" + midDigest);
        }
    }

    @Test
    void withARegistry_leafChange_looksUpOnlyTheLeafAndItsAncestors() throws Exception {
        String namespace = "rl" + Long.toHexString(System.nanoTime());
        fixture.graphFile("namespace: " + namespace + "\n");
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            build(Optional.empty(), false, Optional.of(proxy.host()), "test");
            fixture.file("images/leaf/leaf.txt", "leaf v2\n");
            int before = proxy.requests();
            BuildReport second = build(Optional.of(new ChangeSet("test", List.of("images/leaf/leaf.txt"))), false,
                    Optional.of(proxy.host()), "test");
            assertThat(statuses(second)).containsEntry("leaf", ImageStatus.BUILT)
                    .containsEntry("sibling", ImageStatus.NOT_SELECTED);
            List<String> made = proxy.seen().subList(before, proxy.requests());
            assertThat(made).as("the sibling cannot be affected by the leaf").noneMatch(line -> line.contains("/sibling/"));
            assertThat(made).anyMatch(line -> line.contains("/" + namespace + "/base/manifests/"))
                    .anyMatch(line -> line.contains("/" + namespace + "/mid/manifests/"));
        }
    }

    @Test
    void pushThatFails_failsTheImage_neverReportsSuccess() throws Exception {
        fixture.image("mid", "FROM base\n").image("leaf", "FROM base\n").image("sibling", "FROM base\n");
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            proxy.answer("/blobs/uploads/", 403, 1000);
            BuildReport report = build(Optional.empty(), false, Optional.of(proxy.host()));
            ImageResult base = byName(report).get("base");
            assertThat(base.status()).isEqualTo(ImageStatus.FAILED);
            assertThat(base.reason()).startsWith("built sha256:").contains("but pushing " + proxy.host() + "/");
            assertThat(statuses(report)).containsEntry("mid", ImageStatus.PARENT_FAILED);
            assertThat(report.succeeded()).isFalse();
        }
    }

    @Test
    void registryThatDoesNotAnswer_failsEachImageWithTheLookUpSentence_buildsNothing() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BuildReport report = build(Optional.empty(), false, Optional.of("127.0.0.1:" + closedPort));
        ImageResult base = byName(report).get("base");
        assertThat(base.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(base.reason()).startsWith("Tried to look up manifest ").contains(" at 127.0.0.1:" + closedPort
                + " but failed because: no answer after 2 attempts");
        assertThat(statuses(report)).containsEntry("mid", ImageStatus.PARENT_FAILED);
        assertThat(events).noneMatch(e -> e instanceof BuildEvent.Started started
                && started.action().startsWith("building"));
    }

    @Test
    void interrupt_stopsTheRunningBuild_andStillReports() throws Exception {
        fixture.image("slow", "FROM base\nRUN sleep 120\n");
        java.util.concurrent.atomic.AtomicReference<BuildReport> report = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagSet = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                report.set(build(Optional.empty(), false));
                flagSet.set(Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        caller.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (events.stream().noneMatch(e -> e instanceof BuildEvent.Output o && o.image().equals("slow")
                && o.line().contains("sleep 120"))) {
            assertThat(System.currentTimeMillis()).as("slow started building").isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(60_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(java.time.Duration.ofSeconds(40));
        assertThat(flagSet.get()).isTrue();
        assertThat(statuses(report.get())).containsEntry("slow", ImageStatus.CANCELLED).containsEntry("base", ImageStatus.BUILT);
        long runningDeadline = System.currentTimeMillis() + 20_000;
        while (!docker.docker("ps", "-q").stdout().isBlank()) {
            assertThat(System.currentTimeMillis()).as("the daemon stopped the cancelled build's container").isLessThan(runningDeadline);
            Thread.sleep(200);
        }
    }
}
