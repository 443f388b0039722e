package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** imagegraph usage against a real CNCF registry on loopback. */
class UsageCommandTest {

    @TempDir
    Path dir;

    @Test
    void quotasOfTheGraphFile_areSetAgainstWhatTheRegistryHolds() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            DistributionRegistry client = DistributionRegistry.of(RegistryEndpoint.of(
                    RegistryHost.parse(registry.host())), CredentialResolver.anonymous());
            new GraphFixture(dir).graphFile("registry: " + registry.host() + "\nnamespace: acme\nquotas:\n"
                            + "  - namespace: " + registry.host() + "/acme\n    bytes: 1MiB\n    tags: 10\n"
                            + "  - repository: " + registry.host() + "/acme/keystone\n    tags: 1\n")
                    .image("keystone", "FROM scratch\n").image("glance", "FROM scratch\n");
            TestImages.push(client, "acme/keystone", "1", "keystone 1");
            TestImages.push(client, "acme/keystone", "2", "keystone 2");
            TestImages.push(client, "acme/glance", "1", "glance");

            CliRun text = CliRun.of("usage", "-d", dir.toString());
            assertThat(text.exitCode()).as(text.err()).isEqualTo(1);
            assertThat(text.out()).containsPattern("namespace +" + registry.host() + "/acme +[0-9.]+ [KMG]?i?B +1.0 MiB +3 +10 +ok")
                    .containsPattern("repository +" + registry.host() + "/acme/keystone .* +2 +1 +over");

            CliRun json = CliRun.of("usage", "-d", dir.toString(), "-o", "json");
            JsonNode quotas = new ObjectMapper().readTree(json.out()).path("quotas");
            assertThat(quotas.get(0).path("repositories")).hasSize(2);
            assertThat(quotas.get(0).path("over").asBoolean()).isFalse();
            assertThat(quotas.get(1).path("tags").asInt()).isEqualTo(2);
            assertThat(quotas.get(1).path("over").asBoolean()).isTrue();
        }
    }

    @Test
    void aGraphWithoutQuotas_isBadInput() {
        new GraphFixture(dir).image("a", "FROM scratch\n");
        CliRun run = CliRun.of("usage", "-d", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no quotas");
    }
}
