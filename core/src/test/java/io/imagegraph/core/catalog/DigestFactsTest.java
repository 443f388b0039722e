package io.imagegraph.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.ConfiguredHolds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestFactsTest {

    private static final String BASE = "sha256:" + "b".repeat(64);
    private static final String APP = "sha256:" + "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aConfiguredHold_holdsTheDigest_andWhatIsBuiltOnIt_byTheLineage() throws Exception {
        new JsonLinesLineageStore(dir.resolve(JsonLinesLineageStore.FILE_NAME)).append(List.of(
                new LineageRecord("base", "built", BASE, "r:5000/acme/base", "sha256:i", List.of(), List.of(), null,
                        "2026-12-01T10:00:00Z", "run-7", 10),
                new LineageRecord("app", "built", APP, "r:5000/acme/app", "sha256:j",
                        List.of(new LineageRecord.ParentDigest("base", BASE)), List.of(), null,
                        "2026-12-01T10:00:01Z", "run-7", 10)));

        DigestFacts facts = DigestFacts.read(StateDirectory.at(dir), ConfiguredHolds.of(Map.of(BASE, "CVE-2026-9")));

        assertThat(facts.entry("r:5000", "acme/base", "1", BASE, false).held()).get().asString()
                .contains("CVE-2026-9");
        assertThat(facts.entry("r:5000", "acme/app", "1", APP, false).held()).get().asString()
                .contains("built on").contains("CVE-2026-9");
        assertThat(facts.entry("r:5000", "acme/app", "1", APP, false).runId()).contains("run-7");
    }

    @Test
    void anEmptyOrMissingStateFolder_knowsNothing_butTheConfiguredHolds() throws Exception {
        DigestFacts facts = DigestFacts.read(StateDirectory.at(dir.resolve("missing")),
                ConfiguredHolds.of(Map.of(APP, "bad release")));

        assertThat(facts.repositories()).isEmpty();
        assertThat(facts.entry("r:5000", "acme/app", "1", APP, false).held()).get().asString().contains("bad release");
        assertThat(facts.entry("r:5000", "acme/base", "1", BASE, false).held()).isEmpty();
    }
}
