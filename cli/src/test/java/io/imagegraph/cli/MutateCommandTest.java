package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** imagegraph mutate, and watch reapplying it, against a real CNCF registry on loopback. */
class MutateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LoopbackRegistry registry;
    private DistributionRegistry client;
    private String upstream;

    @BeforeEach
    void graph() throws Exception {
        registry = LoopbackRegistry.start();
        client = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(registry.host())),
                CredentialResolver.anonymous());
        upstream = registry.host() + "/openstack/keystone:2024.2";
        new GraphFixture(dir)
                .graphFile("upstream:\n  interval: 1h\nmutations:\n  prod:\n    from: " + upstream + "\n"
                        + "    to: " + registry.host() + "/acme/keystone:2024.2-prod\n"
                        + "    env: {LOG_LEVEL: info}\n    ports: ['5000']\n")
                .image("app", "FROM scratch\nCOPY app.txt /app.txt\n")
                .file("images/app/app.txt", "app\n");
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private static JsonNode json(CliRun run, int exit) throws Exception {
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(exit);
        return JSON.readTree(run.out());
    }

    private String env(String repository, String tag) throws Exception {
        Manifest manifest = client.manifest(RepositoryName.of(repository), tag).orElseThrow();
        return JSON.readTree(client.blob(RepositoryName.of(repository), manifest.config().orElseThrow()))
                .at("/config/Env").toString();
    }

    @Test
    void mutate_pushesTheOverriddenImage_thenFindsItUnchanged() throws Exception {
        Manifest original = TestImages.push(client, "openstack/keystone", "2024.2", "keystone 1");
        JsonNode first = json(CliRun.of("mutate", "-d", dir.toString(), "-o", "json"), 0);
        assertThat(first.at("/mutations/0/status").asText()).isEqualTo("mutated");
        assertThat(first.at("/mutations/0/sourceDigest").asText()).isEqualTo(original.digest().toString());
        assertThat(first.at("/mutations/0/layersMounted").asInt()).isEqualTo(1);
        assertThat(env("acme/keystone", "2024.2-prod")).contains("LOG_LEVEL=info");

        CliRun again = CliRun.of("mutate", "-d", dir.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("MUTATION").contains("prod").contains("unchanged");
    }

    @Test
    void anEnvironmentsOverridesFile_winsKeyByKey() throws Exception {
        TestImages.push(client, "openstack/keystone", "2024.2", "keystone 1");
        Path prod = dir.resolve("prod-overrides.yaml");
        Files.writeString(prod, "mutations:\n  prod:\n    env: {LOG_LEVEL: warning}\n");
        json(CliRun.of("mutate", "-d", dir.toString(), "--overrides", prod.toString(), "-o", "json"), 0);
        assertThat(env("acme/keystone", "2024.2-prod")).contains("LOG_LEVEL=warning").doesNotContain("LOG_LEVEL=info");
    }

    @Test
    void watch_whenTheUpstreamMoves_reappliesTheMutation_andTheOverriddenTagFollows() throws Exception {
        TestImages.push(client, "openstack/keystone", "2024.2", "keystone 1");
        JsonNode first = json(CliRun.of("watch", "-d", dir.toString(), "-o", "json"), 0);
        assertThat(first.at("/mutations/0/status").asText()).as("first seen: applied").isEqualTo("mutated");
        String before = first.at("/mutations/0/digest").asText();

        Manifest moved = TestImages.push(client, "openstack/keystone", "2024.2", "keystone 2");
        JsonNode second = json(CliRun.of("watch", "-d", dir.toString(), "--force", "-o", "json"), 0);
        assertThat(second.at("/watches").toString()).contains("\"moved\"");
        assertThat(second.at("/mutations/0/status").asText()).isEqualTo("mutated");
        assertThat(second.at("/mutations/0/sourceDigest").asText()).isEqualTo(moved.digest().toString());
        assertThat(second.at("/mutations/0/previous").asText()).isEqualTo(before);
        assertThat(client.head(RepositoryName.of("acme/keystone"), "2024.2-prod").orElseThrow().digest().toString())
                .isEqualTo(second.at("/mutations/0/digest").asText());
        assertThat(env("acme/keystone", "2024.2-prod")).contains("LOG_LEVEL=info");

        CliRun history = CliRun.of("history", "--state", dir.resolve(".imagegraph").toString(), registry.host() + "/acme/keystone:2024.2-prod");
        assertThat(history.out() + history.err()).contains("mutated");
    }

    @Test
    void anUnknownName_orNoMutations_isBadInput() throws Exception {
        CliRun unknown = CliRun.of("mutate", "-d", dir.toString(), "staging");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no mutation named staging").contains("the mutations are: prod");

        Files.writeString(dir.resolve("imagegraph.yaml"), "upstream:\n  interval: 1h\n");
        CliRun none = CliRun.of("mutate", "-d", dir.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("has no mutations section");
    }

    @Test
    void anUpstreamThatDoesNotExist_isExit1_withTheReason() throws Exception {
        CliRun run = CliRun.of("mutate", "-d", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("failed").contains("does not exist");
    }
}
