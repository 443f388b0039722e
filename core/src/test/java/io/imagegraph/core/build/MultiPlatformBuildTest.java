package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.ref.TargetPlatform;
import io.imagegraph.core.registry.ImageIndex;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.run.PromotionRun;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.HelloElf;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-platform builds with the real Docker Engine (through BuildKit), Debian's qemu-user-static
 * and the CNCF registry: a two-image graph for linux/amd64 and linux/arm64 pushed as OCI indexes,
 * reused, promoted by digest across repositories, and refused when one platform is held or when
 * the machine cannot run a platform.
 */
class MultiPlatformBuildTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static final TargetPlatform AMD64 = TargetPlatform.parse("linux/amd64");
    private static final TargetPlatform ARM64 = TargetPlatform.parse("linux/arm64");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String namespace;
    private GraphFixture fixture;

    @BeforeEach
    void twoImages() throws Exception {
        namespace = "mp" + Long.toHexString(System.nanoTime());
        fixture = new GraphFixture(dir)
                .graphFile("namespace: " + namespace + "\nimages:\n  base:\n    platforms: [linux/amd64, linux/arm64]\n"
                        + "  app:\n    platforms: [linux/amd64, linux/arm64]\n")
                .image("base", "FROM scratch\nARG TARGETARCH\nCOPY hello-${TARGETARCH} /hello\nRUN [\"/hello\"]\n")
                .image("app", "FROM base\nRUN [\"/hello\"]\nCOPY app.txt /app.txt\n")
                .file("images/app/app.txt", "app\n");
        HelloElf.write("amd64", dir.resolve("images/base/hello-amd64"));
        HelloElf.write("arm64", dir.resolve("images/base/hello-arm64"));
    }

    /** Debian's docker.io client, which builds through BuildKit without buildx; else the one on the PATH. */
    private static String dockerClient() {
        return Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    }

    private BuildReport build(HostPlatforms host, Optional<String> registry) throws Exception {
        GraphLoadResult loaded = fixture.load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), Optional.empty());
        Optional<ManifestStore> client = registry.map(host1 -> REGISTRY.client());
        Map<String, String> environment = new java.util.HashMap<>(DockerDaemon.shared().environment());
        environment.putAll(io.imagegraph.core.testing.BuildahStore.shared().environment());
        GraphBuild build = new GraphBuild(BuildTools.local(new LocalProcessRunner(), dockerClient(), "buildah",
                environment), new JsonLinesLineageStore(dir.resolve("state/lineage.jsonl")),
                event -> { }, Clock.systemUTC(), client, host);
        BuildOptions options = new BuildOptions("run-" + System.nanoTime(), List.of("test"), 2, false, false, 0,
                Duration.ofMillis(10), dir.resolve("state/runs/" + System.nanoTime()), Optional.of("abc"),
                Optional.empty(), registry, registry.isPresent());
        return build.run(plan, options);
    }

    private static Map<String, ImageResult> byName(BuildReport report) {
        return report.images().stream().collect(Collectors.toMap(ImageResult::name, Function.identity()));
    }

    private RepositoryName repository(String image) {
        return RepositoryName.of(namespace + "/" + image);
    }

    private Manifest manifest(RepositoryName repository, Digest digest) throws Exception {
        return REGISTRY.client().manifest(repository, digest.toString()).orElseThrow();
    }

    /** The file {@code path} in the first layer of a platform manifest (its blobs are the config, then the layers). */
    private byte[] fileInFirstLayer(RepositoryName repository, Manifest platform, String path) throws Exception {
        Path layer = dir.resolve("layer-" + System.nanoTime() + ".tar.gz");
        Files.write(layer, REGISTRY.client().blob(repository, platform.blobs().get(1)));
        Process tar = new ProcessBuilder("tar", "-xzOf", layer.toString(), path).start();
        byte[] content = tar.getInputStream().readAllBytes();
        assertThat(tar.waitFor()).isZero();
        return content;
    }

    private String architectureOf(RepositoryName repository, Manifest platform) throws Exception {
        return JSON.readTree(REGISTRY.client().blob(repository, platform.config().orElseThrow()))
                .path("architecture").asText();
    }

    @Test
    void twoImageGraph_forAmd64AndArm64_isPushedAsIndexesReusedAndPromotedByDigest() throws Exception {
        HostPlatforms host = HostPlatforms.local();
        Optional<String> armRefusal = host.refusal("base", ARM64);
        BuildReport report = build(host, Optional.of(REGISTRY.host()));
        Map<String, ImageResult> results = byName(report);
        if (armRefusal.isPresent()) {
            // this machine cannot run arm64 binaries: the clear refusal, and nothing built for the child
            assertThat(results.get("base").status()).isEqualTo(ImageStatus.FAILED);
            assertThat(results.get("base").reason()).isEqualTo(armRefusal.get()).contains("qemu-user-static");
            assertThat(results.get("app").status()).isEqualTo(ImageStatus.PARENT_FAILED);
            return;
        }
        assertThat(results.get("base").status()).as(results.get("base").reason()).isEqualTo(ImageStatus.BUILT);
        assertThat(results.get("app").status()).as(results.get("app").reason()).isEqualTo(ImageStatus.BUILT);
        Digest baseIndex = Digest.of(results.get("base").digest().orElseThrow());
        Digest appIndex = Digest.of(results.get("app").digest().orElseThrow());
        assertThat(REGISTRY.client().head(repository("app"), "test").orElseThrow().digest()).isEqualTo(appIndex);
        Manifest base = manifest(repository("base"), baseIndex);
        Manifest app = manifest(repository("app"), appIndex);
        assertThat(base.isIndex()).isTrue();
        assertThat(ImageIndex.platforms(app).keySet()).containsExactly(AMD64, ARM64);

        Map<TargetPlatform, Digest> basePlatforms = ImageIndex.platforms(base);
        Map<TargetPlatform, Digest> appPlatforms = ImageIndex.platforms(app);
        for (TargetPlatform platform : List.of(AMD64, ARM64)) {
            Manifest basePlatform = manifest(repository("base"), basePlatforms.get(platform));
            Manifest appPlatform = manifest(repository("app"), appPlatforms.get(platform));
            assertThat(architectureOf(repository("base"), basePlatform)).isEqualTo(platform.architecture());
            assertThat(architectureOf(repository("app"), appPlatform)).isEqualTo(platform.architecture());
            // the binary really is of that architecture, and the child is built on the same platform of its parent
            assertThat(HelloElf.machine(fileInFirstLayer(repository("base"), basePlatform, "hello")))
                    .isEqualTo(platform.equals(ARM64) ? HelloElf.AARCH64 : HelloElf.X86_64);
            assertThat(appPlatform.blobs().subList(1, 2)).isEqualTo(basePlatform.blobs().subList(1, 2));
        }
        assertThat(results.get("app").imageId()).isPresent();
        assertThat(DockerDaemon.shared().docker("image", "inspect", "--format", "{{.Architecture}}",
                results.get("app").imageId().get()).stdout().strip()).isEqualTo("amd64");

        BuildReport again = build(host, Optional.of(REGISTRY.host()));
        assertThat(byName(again).get("app").status()).isEqualTo(ImageStatus.REUSED);
        assertThat(byName(again).get("app").digest()).contains(appIndex.toString());

        Path reportFile = dir.resolve("state/runs/promoted/build-report.json");
        Files.createDirectories(reportFile.getParent());
        try (Writer writer = Files.newBufferedWriter(reportFile)) {
            BuildReportJson.write(report, writer);
        }
        String released = namespace + "-release";
        PromotionRun.Outcome promoted = new PromotionRun(host1 -> REGISTRY.registries(),
                StateDirectory.at(dir.resolve("state")), Clock.systemUTC()).run(new PromotionRun.Request(reportFile,
                Optional.empty(), Optional.empty(), List.of("stable"), Optional.empty(), Optional.of(released), Map.of(),
                4, false, true));
        assertThat(promoted.succeeded()).as(promoted.report().toString()).isTrue();
        RepositoryName releasedApp = RepositoryName.of(released + "/app");
        assertThat(REGISTRY.client().head(releasedApp, "stable").orElseThrow().digest()).isEqualTo(appIndex);
        assertThat(REGISTRY.client().head(releasedApp, appPlatforms.get(ARM64).toString())).isPresent();

        PromotionRun.Outcome held = new PromotionRun(host1 -> REGISTRY.registries(),
                StateDirectory.at(dir.resolve("state")),
                ConfiguredHolds.of(Map.of(basePlatforms.get(ARM64).toString(), "CVE-2026-0001 in the arm64 build")),
                Clock.systemUTC()).run(new PromotionRun.Request(reportFile, Optional.empty(), Optional.empty(),
                List.of("held"), Optional.empty(), Optional.of(released), Map.of(), 4, false, true));
        assertThat(held.succeeded()).isFalse();
        assertThat(held.report().refusals()).anyMatch(refusal -> refusal.startsWith("base may not be promoted")
                && refusal.contains("linux/arm64 manifest " + basePlatforms.get(ARM64)) && refusal.contains("CVE-2026-0001"));
        assertThat(REGISTRY.client().head(RepositoryName.of(released + "/base"), "held")).isEmpty();
    }

    @Test
    void platformTheMachineCannotRun_isRefusedWithTheImageNameAndNothingIsPushed() throws Exception {
        Path binfmt = Files.createDirectories(dir.resolve("binfmt_misc"));
        Files.writeString(binfmt.resolve("status"), "enabled\n");
        BuildReport report = build(HostPlatforms.of("amd64", binfmt), Optional.of(REGISTRY.host()));
        ImageResult base = byName(report).get("base");
        assertThat(base.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(base.reason()).startsWith("image base cannot be built for linux/arm64 on this machine (linux/amd64):"
                + " no binfmt_misc handler in " + binfmt + " runs arm64 binaries").contains("qemu-user-static");
        assertThat(byName(report).get("app").status()).isEqualTo(ImageStatus.PARENT_FAILED);
        assertThat(REGISTRY.client().head(repository("base"), ImageNames.inputTag(Digest.of(base.inputDigest()))))
                .isEmpty();
    }

    @Test
    void severalPlatformsWithoutARegistry_areRefusedSayingWhy() throws Exception {
        BuildReport report = build(HostPlatforms.local(), Optional.empty());
        assertThat(byName(report).get("base").reason()).isEqualTo("image base is built for linux/amd64, linux/arm64,"
                + " which makes an OCI image index, and an index lives in a registry only: build it with a registry to"
                + " push to (--registry HOST, without --no-push)");
    }

    @Test
    void oneForeignPlatform_isPassedToTheBuilderAndNeedsNoRegistry() throws Exception {
        Optional<String> armRefusal = HostPlatforms.local().refusal("base", ARM64);
        fixture.graphFile("namespace: " + namespace + "\nimages:\n  base:\n    platforms: [linux/arm64]\n"
                + "  app:\n    platforms: [linux/arm64]\n");
        BuildReport report = build(HostPlatforms.local(), Optional.empty());
        ImageResult app = byName(report).get("app");
        if (armRefusal.isPresent()) {
            assertThat(byName(report).get("base").reason()).isEqualTo(armRefusal.get());
            return;
        }
        assertThat(app.status()).as(app.reason()).isEqualTo(ImageStatus.BUILT);
        assertThat(DockerDaemon.shared().docker("image", "inspect", "--format", "{{.Os}}/{{.Architecture}}",
                app.imageId().orElseThrow()).stdout().strip()).isEqualTo("linux/arm64");
    }

    @Test
    void buildah_buildsEachPlatformIntoItsIndexToo() throws Exception {
        Optional<String> armRefusal = HostPlatforms.local().refusal("base", ARM64);
        fixture.graphFile("namespace: " + namespace + "\nimages:\n  base:\n    builder: buildah\n"
                + "    platforms: [linux/amd64, linux/arm64]\n  app:\n    builder: buildah\n"
                + "    platforms: [linux/amd64, linux/arm64]\n");
        BuildReport report = build(HostPlatforms.local(), Optional.of(REGISTRY.host()));
        ImageResult app = byName(report).get("app");
        if (armRefusal.isPresent()) {
            assertThat(byName(report).get("base").reason()).isEqualTo(armRefusal.get());
            return;
        }
        assertThat(app.status()).as(app.reason()).isEqualTo(ImageStatus.BUILT);
        Manifest index = manifest(repository("app"), Digest.of(app.digest().orElseThrow()));
        Manifest arm = manifest(repository("app"), ImageIndex.platforms(index).get(ARM64));
        assertThat(architectureOf(repository("app"), arm)).isEqualTo("arm64");
        Manifest baseArm = manifest(repository("base"), ImageIndex.platforms(manifest(repository("base"),
                Digest.of(byName(report).get("base").digest().orElseThrow()))).get(ARM64));
        assertThat(HelloElf.machine(fileInFirstLayer(repository("base"), baseArm, "hello"))).isEqualTo(HelloElf.AARCH64);
    }
}
