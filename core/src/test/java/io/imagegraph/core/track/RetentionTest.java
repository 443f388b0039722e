package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Retention against a real CNCF registry on loopback (with deletes enabled, as Debian's config has them). */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();
    private static final Registries registries = REGISTRY.registries();

    @TempDir
    Path state;

    private ImageLocation location;
    private TagHistory history;
    private Deployments deployments;

    @BeforeEach
    void setUp() {
        location = new ImageLocation(REGISTRY.host(), RepositoryName.of(RegistryExtension.unique("ret", "app")));
        history = TagHistory.in(StateDirectory.at(state));
        deployments = Deployments.in(StateDirectory.at(state));
    }

    private Registry registry() throws Exception {
        return registries.named(REGISTRY.host());
    }

    /** Pushes a version under a tag, first seen {@code daysAgo} days ago by the tag history. */
    private Manifest version(String tag, String label, int daysAgo) throws Exception {
        Manifest pushed = TestImages.push(registry(), location.repository().value(), tag, label);
        history.record(List.of(new TagEvent(location.toString(), tag, pushed.digest().toString(), null, TagCause.BUILT,
                NOW.minus(Duration.ofDays(daysAgo)).toString(), "run-" + label, "app", null)));
        return pushed;
    }

    private Retention retention() {
        return new Retention(registries, history, deployments, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RetentionPolicy keepNewest(int keep) {
        return new RetentionPolicy(keep, Duration.ofDays(7), List.of(Pattern.compile("latest")));
    }

    @Test
    void plan_keepsProtectedDeployedNewestAndYoung_deletesTheRest() throws Exception {
        Manifest released = version("latest", "released", 60);
        Manifest deployed = version("pr-1", "deployed", 50);
        Manifest old = version("pr-2", "old", 40);
        Manifest young = version("pr-4", "young", 3);
        Manifest newest = version("pr-5", "newest", 1);
        deployments.record(List.of(new DeploymentRecord("prod", location.toString(), deployed.digest().toString(),
                NOW.toString(), "ops")));
        Retention.RepositoryPlan plan = retention().plan(location, keepNewest(1));
        Map<String, String> reasons = plan.versions().stream().collect(Collectors.toMap(v -> v.tags().get(0),
                v -> v.decision() + ": " + v.reason()));
        assertThat(reasons).containsEntry("pr-5", "keep: one of the 1 newest")
                .containsEntry("pr-4", "keep: younger than 7d")
                .containsEntry("pr-2", "delete: older than 7d, not among the 1 newest, no protected tag, not deployed")
                .containsEntry("pr-1", "keep: deployed to prod")
                .containsEntry("latest", "keep: tag latest is protected (latest)");
        assertThat(plan.toDelete()).extracting(Retention.Version::digest).containsExactly(old.digest().toString());
        long oldBytes = old.blobSizes().values().stream().mapToLong(Long::longValue).sum();
        assertThat(plan.freedBytes()).isEqualTo(oldBytes);
        assertThat(plan.uniqueBytes()).isGreaterThan(oldBytes);
        assertThat(registry().head(location.repository(), "pr-2")).as("a plan deletes nothing").isPresent();
        assertThat(List.of(released, young, newest)).isNotEmpty();
    }

    @Test
    void apply_deletesThePlannedVersionsOnly() throws Exception {
        version("latest", "kept", 60);
        version("pr-2", "gone", 40);
        version("pr-3", "newest", 30);
        Retention.RepositoryPlan plan = retention().plan(location, keepNewest(1));
        List<Retention.Deletion> deletions = retention().apply(plan);
        assertThat(deletions).singleElement().satisfies(d -> assertThat(d.error()).isNull());
        assertThat(registry().head(location.repository(), "pr-2")).isEmpty();
        assertThat(registry().head(location.repository(), "pr-3")).isPresent();
        assertThat(registry().head(location.repository(), "latest")).isPresent();
    }

    @Test
    void apply_deletedIndex_takesItsPlatformManifestsWithIt() throws Exception {
        Manifest index = TestImages.pushIndex(registry(), location.repository().value(), "pr-1", "multi");
        history.record(List.of(new TagEvent(location.toString(), "pr-1", index.digest().toString(), null,
                TagCause.BUILT, NOW.minus(Duration.ofDays(30)).toString(), "run-1", "app", null)));
        version("pr-2", "newest", 1);
        Retention.RepositoryPlan plan = retention().plan(location, new RetentionPolicy(1, Duration.ofDays(7), List.of()));
        assertThat(plan.toDelete()).extracting(Retention.Version::digest).contains(index.digest().toString());
        retention().apply(plan);
        for (var child : index.children()) {
            assertThat(registry().head(location.repository(), child.digest().toString())).isEmpty();
        }
    }

    @Test
    void versionTheHistoryNeverSaw_isDatedByItsConfigsCreatedTime() throws Exception {
        RepositoryName repo = location.repository();
        byte[] layer = "layer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] config = ("{\"created\":\"" + NOW.minus(Duration.ofDays(90)) + "\",\"architecture\":\"amd64\","
                + "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        registry().putBlob(repo, io.imagegraph.core.ref.Digest.sha256(layer), layer);
        registry().putBlob(repo, io.imagegraph.core.ref.Digest.sha256(config), config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + io.imagegraph.core.registry.MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
                + config.length + ",\"digest\":\"" + io.imagegraph.core.ref.Digest.sha256(config) + "\"},\"layers\":[{"
                + "\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":" + layer.length
                + ",\"digest\":\"" + io.imagegraph.core.ref.Digest.sha256(layer) + "\"}]}";
        registry().putManifest(repo, "pr-8", Manifest.of(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                io.imagegraph.core.registry.MediaTypes.OCI_MANIFEST));
        Retention.RepositoryPlan plan = retention().plan(location, new RetentionPolicy(0, Duration.ofDays(7), List.of()));
        assertThat(plan.versions()).singleElement().satisfies(v -> {
            assertThat(v.created()).contains(NOW.minus(Duration.ofDays(90)));
            assertThat(v.decision()).isEqualTo(Retention.Decision.DELETE);
        });
    }

    @Test
    void versionWithNoDateAnywhere_isKept() throws Exception {
        TestImages.push(registry(), location.repository().value(), "pr-9", "unknown age");
        Retention.RepositoryPlan plan = retention().plan(location, new RetentionPolicy(0, Duration.ofDays(7), List.of()));
        assertThat(plan.versions()).singleElement().satisfies(v -> {
            assertThat(v.decision()).isEqualTo(Retention.Decision.KEEP);
            assertThat(v.reason()).isEqualTo("its age is unknown");
        });
    }
}
