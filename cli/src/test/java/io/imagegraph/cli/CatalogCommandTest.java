package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.track.DeploymentRecord;
import io.imagegraph.core.track.Deployments;
import io.imagegraph.core.track.Holds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCommandTest {

    private static LoopbackRegistry server;
    private static Manifest app;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackRegistry.start();
        DistributionRegistry registry = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(server.host())),
                CredentialResolver.anonymous());
        TestImages.push(registry, "acme/base", "1", "base 1");
        TestImages.push(registry, "acme/base", "latest", "base 1");
        app = TestImages.push(registry, "acme/app", "1", "app 1");
        TestImages.push(registry, "tools/lint", "1", "lint 1");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void json_listsEveryRepositoryAndTag() throws Exception {
        CliRun run = CliRun.of("catalog", "-d", dir.toString(), "--registry", server.host(), "--page-size", "2",
                "--state", dir.resolve("state").toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("registries").get(0).get("listedByRegistry").asBoolean()).isTrue();
        assertThat(json.get("tags").findValuesAsText("tag")).containsExactly("1", "1", "latest", "1");
        assertThat(json.get("tags").findValuesAsText("repository"))
                .containsExactly("acme/app", "acme/base", "acme/base", "tools/lint");
    }

    @Test
    void deployedAndHeld_answersAmIRunningAnythingVulnerable_asATable() throws Exception {
        StateDirectory state = StateDirectory.at(dir.resolve("state"));
        Holds.in(state).hold(Map.of(app.digest(), "CVE-2026-1234"), "test", "test", Instant.now());
        Deployments.in(state).record(List.of(new DeploymentRecord("prod", server.host() + "/acme/app",
                app.digest().toString(), Instant.now().toString(), "test")));

        CliRun run = CliRun.of("catalog", "-d", dir.toString(), "--registry", server.host(), "--state",
                state.folder().toString(), "--deployed", "--held");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern(server.host() + "/acme/app +1 +" + app.digest().toString().substring(0, 19)
                + " +- +- +- +yes +prod +- +-").contains("1 tag in 1 repositories of 1 registry; 1 held")
                .contains("held: " + server.host() + "/acme/app:1: " + app.digest() + " is held (CVE-2026-1234)")
                .doesNotContain("tools/lint");
        assertThat(run.err()).contains(server.host() + ": 3 repositories listed by the registry");
    }

    @Test
    void repositoryFilter_andABadPattern() {
        CliRun run = CliRun.of("catalog", "-d", dir.toString(), "--registry", server.host(), "--state",
                dir.resolve("state").toString(), "--repository", "^tools/");
        assertThat(run.out()).contains("tools/lint").doesNotContain("acme/");
        CliRun bad = CliRun.of("catalog", "-d", dir.toString(), "--registry", server.host(), "--repository", "(");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--repository is not a regular expression");
    }

}
