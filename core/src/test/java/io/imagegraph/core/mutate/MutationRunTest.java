package io.imagegraph.core.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.track.HeldImages;
import io.imagegraph.core.track.HoldEvent;
import io.imagegraph.core.track.TagCause;
import io.imagegraph.core.track.TagEvent;
import io.imagegraph.core.track.TagHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Applying mutations and what the state folder keeps of them, against a real registry. */
class MutationRunTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path stateFolder;

    private MutationRun run() {
        StateDirectory state = StateDirectory.at(stateFolder);
        return new MutationRun(new ImageMutator(REGISTRY.registries()), JsonLinesLineageStore.in(state),
                TagHistory.in(state), Clock.systemUTC());
    }

    private Mutation mutation(String name, String upstream) {
        return new Mutation(name, ImageRef.parse(REGISTRY.host() + "/" + upstream + ":1"),
                ImageRef.parse(REGISTRY.host() + "/" + upstream + ":1-" + name),
                new ConfigOverrides(Map.of("A", "1"), null, null, null, null, null, null));
    }

    @Test
    void aMutation_isInTheTagHistory_andInTheLineage_builtOnTheUpstreamDigest() throws Exception {
        String upstream = RegistryExtension.unique("mr", "keystone");
        Manifest original = TestImages.push(REGISTRY.client(), upstream, "1", "keystone");
        List<MutationResult> seen = new ArrayList<>();
        List<MutationResult> results = run().apply(List.of(mutation("prod", upstream)), false, "run-1", seen::add);

        assertThat(seen).isEqualTo(results);
        MutationResult result = results.get(0);
        List<TagEvent> history = TagHistory.in(StateDirectory.at(stateFolder)).history(REGISTRY.host() + "/" + upstream,
                "1-prod");
        assertThat(history).singleElement().satisfies(event -> {
            assertThat(event.digest()).isEqualTo(result.digest());
            assertThat(event.cause()).isEqualTo(TagCause.MUTATED);
            assertThat(event.detail()).contains(original.digest().toString());
        });
        List<LineageRecord> lineage = JsonLinesLineageStore.in(StateDirectory.at(stateFolder)).records();
        assertThat(lineage).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo("mutated");
            assertThat(record.digest()).isEqualTo(result.digest());
            assertThat(record.externalBases()).containsExactly(REGISTRY.host() + "/" + upstream + ":1@"
                    + original.digest());
        });
    }

    @Test
    void aHoldOnTheUpstreamDigest_blocksTheOverriddenImage() throws Exception {
        String upstream = RegistryExtension.unique("mr", "glance");
        Manifest original = TestImages.push(REGISTRY.client(), upstream, "1", "glance");
        MutationResult result = run().apply(List.of(mutation("prod", upstream)), false, "run-1", r -> { }).get(0);
        HoldEvent hold = new HoldEvent(original.digest().toString(), true, "CVE-2026-1 in libssl3", "now", "test", null);
        HeldImages held = HeldImages.of(Map.of(hold.digest(), hold),
                JsonLinesLineageStore.in(StateDirectory.at(stateFolder)).records());
        assertThat(held.blocking(result.digest())).hasValueSatisfying(blocked ->
                assertThat(blocked.reason()).contains("prod").contains("CVE-2026-1"));
    }

    @Test
    void appliedTwice_recordsOnce_andAFailedOneDoesNotStopTheOthers() throws Exception {
        String upstream = RegistryExtension.unique("mr", "nova");
        TestImages.push(REGISTRY.client(), upstream, "1", "nova");
        Mutation missing = mutation("missing", RegistryExtension.unique("mr", "none"));
        run().apply(List.of(mutation("prod", upstream)), false, "run-1", r -> { });
        List<MutationResult> again = run().apply(List.of(missing, mutation("prod", upstream)), false, "run-2", r -> { });

        assertThat(again).extracting(MutationResult::status)
                .containsExactly(MutationResult.Status.FAILED, MutationResult.Status.UNCHANGED);
        assertThat(JsonLinesLineageStore.in(StateDirectory.at(stateFolder)).records()).hasSize(1);
        assertThat(TagHistory.in(StateDirectory.at(stateFolder)).events()).hasSize(1);
    }

    @Test
    void aDryRun_recordsNothing() throws Exception {
        String upstream = RegistryExtension.unique("mr", "cinder");
        TestImages.push(REGISTRY.client(), upstream, "1", "cinder");
        run().apply(List.of(mutation("prod", upstream)), true, "run-1", r -> { });
        assertThat(JsonLinesLineageStore.in(StateDirectory.at(stateFolder)).records()).isEmpty();
        assertThat(TagHistory.in(StateDirectory.at(stateFolder)).events()).isEmpty();
    }
}
