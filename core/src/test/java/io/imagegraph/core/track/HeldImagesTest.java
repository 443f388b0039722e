package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.lineage.LineageRecord.ParentDigest;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.PromotionSource;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeldImagesTest {

    private static final String BASE = TagHistoryTest.digest(1);
    private static final String MIDDLE = TagHistoryTest.digest(2);
    private static final String LEAF = TagHistoryTest.digest(3);
    private static final String OTHER = TagHistoryTest.digest(4);
    private static final String DEBIAN = TagHistoryTest.digest(9);

    private static LineageRecord record(String image, String digest, List<ParentDigest> parents, List<String> externals) {
        return new LineageRecord(image, "built", digest, "quay.io/acme/" + image, "sha256:" + "0".repeat(64), parents,
                externals, null, "2026-11-24T10:00:00Z", "run-1", 1);
    }

    private static final List<LineageRecord> LINEAGE = List.of(
            record("base", BASE, List.of(), List.of("docker.io/library/debian:12@" + DEBIAN)),
            record("middle", MIDDLE, List.of(new ParentDigest("base", BASE)), List.of()),
            record("leaf", LEAF, List.of(new ParentDigest("middle", MIDDLE)), List.of()),
            record("other", OTHER, List.of(), List.of("docker.io/library/alpine:3.20")));

    private static HoldEvent hold(String digest, String reason) {
        return new HoldEvent(digest, true, reason, "2026-11-24T12:00:00Z", "alice", "manual");
    }

    @Test
    void heldBase_blocksEveryImageBuiltOnIt_atAnyDepth() {
        HeldImages held = HeldImages.of(Map.of(BASE, hold(BASE, "CVE-2026-1")), LINEAGE);
        assertThat(held.all()).extracting(HeldImages.Blocked::image).containsExactly("base", "middle", "leaf");
        assertThat(held.blocking(OTHER)).isEmpty();
        assertThat(held.blocking(LEAF).orElseThrow().reason())
                .isEqualTo("leaf " + LEAF + " is built on " + MIDDLE + ", and so on " + BASE + " is held (CVE-2026-1)");
        assertThat(held.blocking(MIDDLE).orElseThrow().reason())
                .isEqualTo("middle " + MIDDLE + " is built on " + BASE + " is held (CVE-2026-1)");
    }

    @Test
    void heldExternalBase_blocksTheImagesPinnedToIt() {
        HeldImages held = HeldImages.of(Map.of(DEBIAN, hold(DEBIAN, "debian DSA-1")), LINEAGE);
        assertThat(held.all()).extracting(HeldImages.Blocked::digest).containsExactly(DEBIAN, BASE, MIDDLE, LEAF);
        assertThat(held.all().get(0).image()).isNull();
    }

    @Test
    void childRecordedBeforeItsRebuiltParent_isStillFound() {
        List<LineageRecord> outOfOrder = List.of(LINEAGE.get(2), LINEAGE.get(1), LINEAGE.get(0));
        HeldImages held = HeldImages.of(Map.of(BASE, hold(BASE, "bad")), outOfOrder);
        assertThat(held.blocking(LEAF)).isPresent();
    }

    @Test
    void refusing_namesTheImagesOfAPromotionThatMayNotMove() {
        HeldImages held = HeldImages.of(Map.of(MIDDLE, hold(MIDDLE, "broken release")), LINEAGE);
        ImageLocation at = new ImageLocation("quay.io", RepositoryName.of("acme/x"));
        Map<String, String> refused = held.refusing(List.of(
                new PromotionSource("base", at, "test", Digest.of(BASE)),
                new PromotionSource("leaf", at, "test", Digest.of(LEAF))));
        assertThat(refused).containsOnlyKeys("leaf");
        assertThat(refused.get("leaf")).contains("is held (broken release)");
    }
}
