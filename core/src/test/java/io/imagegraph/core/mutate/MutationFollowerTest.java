package io.imagegraph.core.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.track.TagHistory;
import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.UpstreamPoller;
import io.imagegraph.core.upstream.UpstreamSettings;
import io.imagegraph.core.upstream.UpstreamState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An overridden image following its upstream as a real registry's tag moves, seen by a real poll. */
class MutationFollowerTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path stateFolder;

    @Test
    void theUpstreamMoves_theOverrideIsReappliedToTheNewDigest_sharingEveryLayer() throws Exception {
        String upstream = RegistryExtension.unique("mf", "keystone");
        String target = RegistryExtension.unique("mf", "acme");
        TestImages.push(REGISTRY.client(), upstream, "2024.2", "keystone build 1");
        try (FaultyProxy proxy = FaultyProxy.in(REGISTRY.host())) {
            Mutation mutation = new Mutation("prod", ImageRef.parse(proxy.host() + "/" + upstream + ":2024.2"),
                    ImageRef.parse(proxy.host() + "/" + target + ":2024.2-prod"),
                    new ConfigOverrides(Map.of("LOG_LEVEL", "debug"), List.of("8443"), null, null, null, null, null));
            StateDirectory state = StateDirectory.at(stateFolder);
            MutationFollower follower = new MutationFollower(List.of(mutation), new MutationRun(
                    new ImageMutator(REGISTRY.registries()), JsonLinesLineageStore.in(state), TagHistory.in(state),
                    Clock.systemUTC()));
            UpstreamPoller poller = new UpstreamPoller(REGISTRY.registries(), UpstreamState.in(state), Clock.systemUTC());
            UpstreamSettings settings = new UpstreamSettings(Duration.ZERO, 100, List.of());

            List<UpstreamCheck> first = poller.poll(MutationFollower.watches(List.of(mutation)), settings, true);
            MutationResult applied = follower.follow(first, "run-1", r -> { }).get(0);
            assertThat(applied.status()).as(applied.reason()).isEqualTo(MutationResult.Status.MUTATED);
            assertThat(follower.follow(poller.poll(MutationFollower.watches(List.of(mutation)), settings, true),
                    "run-2", r -> { })).as("nothing moved, nothing reapplied").isEmpty();

            Manifest moved = TestImages.push(REGISTRY.client(), upstream, "2024.2", "keystone build 2");
            int before = proxy.seen().size();
            List<UpstreamCheck> checks = poller.poll(MutationFollower.watches(List.of(mutation)), settings, true);
            assertThat(checks).singleElement().extracting(UpstreamCheck::status).isEqualTo(UpstreamCheck.Status.MOVED);
            List<MutationResult> followed = follower.follow(checks, "run-3", r -> { });

            assertThat(followed).singleElement().satisfies(result -> {
                assertThat(result.status()).as(result.reason()).isEqualTo(MutationResult.Status.MUTATED);
                assertThat(result.sourceDigest()).isEqualTo(moved.digest().toString());
                assertThat(result.previous()).isEqualTo(applied.digest());
                assertThat(result.layersMounted()).isEqualTo(1);
            });
            String layer = moved.blobs().get(1).toString();
            assertThat(proxy.seen().subList(before, proxy.seen().size()))
                    .as("no layer blob is uploaded").noneMatch(r -> r.startsWith("PUT") && r.contains(layer));
            Manifest now = REGISTRY.client().manifest(RepositoryName.of(target), "2024.2-prod").orElseThrow();
            assertThat(now.digest().toString()).isEqualTo(followed.get(0).digest());
            assertThat(now.blobs().get(1)).isEqualTo(moved.blobs().get(1));
            var config = new ObjectMapper().readTree(REGISTRY.client().blob(RepositoryName.of(target),
                    now.config().orElseThrow()));
            assertThat(config.at("/config/Env").toString()).contains("LOG_LEVEL=debug");
            assertThat(config.at("/config/Labels/name").asText()).isEqualTo("keystone build 2");
            assertThat(TagHistory.in(state).history(proxy.host() + "/" + target, "2024.2-prod")).hasSize(2);
        }
    }
}
