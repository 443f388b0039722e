package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.track.Retention;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PruneReportJsonTest {

    private static final String KEPT = "sha256:" + "1".repeat(64);
    private static final String GONE = "sha256:" + "2".repeat(64);

    private static PruneRun.Outcome outcome() {
        Retention.RepositoryPlan plan = new Retention.RepositoryPlan(
                new ImageLocation("quay.io", RepositoryName.of("acme/app")), List.of(
                new Retention.Version(KEPT, List.of("latest"), Optional.of(Instant.parse("2026-11-20T00:00:00Z")), 100,
                        Retention.Decision.KEEP, "protected tag latest", List.of()),
                new Retention.Version(GONE, List.of("pr-1"), Optional.empty(), 50, Retention.Decision.DELETE,
                        "older than the newest 1", List.of())), 150, 50);
        return new PruneRun.Outcome(false, List.of(plan), List.of(new Retention.Deletion(GONE, "HTTP 405")));
    }

    @Test
    void toJson_hasEveryRepositoryVersionAndFailedDeletion() throws Exception {
        JsonNode json = new ObjectMapper().readTree(PruneReportJson.toJson(outcome()));
        assertThat(json.get("dryRun").asBoolean()).isFalse();
        JsonNode repository = json.get("repositories").get(0);
        assertThat(repository.get("repository").asText()).isEqualTo("quay.io/acme/app");
        assertThat(repository.get("freedBytes").asLong()).isEqualTo(50);
        assertThat(repository.get("versions").get(0).get("decision").asText()).isEqualTo("keep");
        assertThat(repository.get("versions").get(0).get("created").asText()).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(repository.get("versions").get(1).get("created").isNull()).isTrue();
        assertThat(json.get("failedDeletions").get(0).get("error").asText()).isEqualTo("HTTP 405");
    }

    @Test
    void write_isTheSameDocument() throws Exception {
        StringWriter out = new StringWriter();
        PruneReportJson.write(outcome(), out);
        assertThat(out.toString()).isEqualTo(PruneReportJson.toJson(outcome()));
    }
}
