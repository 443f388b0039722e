package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden plans of the bundled examples. After an intended change, regenerate them with
 * {@code mvn -pl core test -Dtest=PlanJsonTest -Dgolden.update=true} and review the diff.
 */
class PlanJsonTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    private static Plan planOf(GraphFixture fixture, Optional<ChangeSet> changes) throws Exception {
        GraphLoadResult result = fixture.load();
        return Planner.plan(result.graph().orElseThrow(), result.warnings(), Selection.all(), changes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foreman", "openstack"})
    void examplePlan_matchesTheGoldenFile(String example, @TempDir Path dir) throws Exception {
        String json = PlanJson.write(planOf(GraphFixture.copyOfExample(example, dir), Optional.empty()));
        Path golden = GOLDEN.resolve(example + "-plan.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, json);
        }
        assertThat(json).isEqualTo(Files.readString(golden));
    }

    @Test
    void changedPlan_listsChangesAndTheImagesToBuild(@TempDir Path dir) throws Exception {
        GraphFixture fixture = GraphFixture.copyOfExample("openstack", dir);
        JsonNode plan = new ObjectMapper().readTree(PlanJson.write(planOf(fixture,
                Optional.of(new ChangeSet("--changed", List.of("images/nova-api/container-assets/nova-api"))))));
        assertThat(plan.get("changes").get("paths").get(0).asText()).isEqualTo("images/nova-api/container-assets/nova-api");
        assertThat(plan.get("toBuild")).extracting(JsonNode::asText).containsExactly("nova-api", "nova-compute");
        JsonNode base = plan.get("images").get(0);
        assertThat(base.get("name").asText()).isEqualTo("base");
        assertThat(base.get("affected").asBoolean()).isFalse();
        assertThat(base.get("toBuild").asBoolean()).isFalse();
        assertThat(base.get("inputDigest").asText()).startsWith("sha256:");
    }

    @Test
    void externalBasesAndWarnings_areWritten(@TempDir Path dir) throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM quay.io/centos/centos:stream9\n");
        JsonNode plan = new ObjectMapper().readTree(PlanJson.write(planOf(fixture, Optional.empty())));
        JsonNode base = plan.get("images").get(0).get("externalBases").get(0);
        assertThat(base.get("name").asText()).isEqualTo("quay.io/centos/centos");
        assertThat(base.get("tag").asText()).isEqualTo("stream9");
        assertThat(base.get("pinned").asBoolean()).isFalse();
        assertThat(plan.get("warnings").get(0).get("kind").asText()).isEqualTo("UNPINNED_BASE");
    }
}
