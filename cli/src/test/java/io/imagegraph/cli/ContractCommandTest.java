package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployment contracts of real images built by the Docker Engine and pushed to a loopback registry. */
class ContractCommandTest {

    @TempDir
    Path dir;

    private DockerDaemon docker;
    private LoopbackRegistry registry;
    private String repository;

    @BeforeEach
    void start() throws Exception {
        docker = DockerDaemon.shared();
        registry = LoopbackRegistry.start();
        repository = registry.host() + "/acme/keystone";
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    /** Builds and pushes repository:tag from this Dockerfile tail; returns the pushed manifest's digest. */
    private String image(String tag, String instructions) throws Exception {
        Path context = Files.createDirectories(dir.resolve(tag));
        Busybox.copyInto(context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n" + instructions);
        CapturedRun built = docker.docker("build", "-q", "--network", "none", "-t", repository + ":" + tag,
                context.toString());
        assertThat(built.exitCode()).as(built.stderr()).isZero();
        CapturedRun pushed = docker.docker("push", repository + ":" + tag);
        assertThat(pushed.exitCode()).as(pushed.stderr()).isZero();
        DistributionRegistry client = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(registry.host())),
                CredentialResolver.anonymous());
        return client.head(RepositoryName.of("acme/keystone"), tag).orElseThrow().digest().toString();
    }

    @Test
    void twoReferences_changedPortEnvAndUser_areEachNamed() throws Exception {
        image("1", "EXPOSE 5000 35357\nENV KEYSTONE_DEBUG=false\nUSER 42425\nENTRYPOINT [\"/bin/busybox\"]\n");
        image("2", "EXPOSE 5000\nENV KEYSTONE_DEBUG=true\nUSER 42425\nENTRYPOINT [\"/bin/busybox\"]\n");
        CliRun run = CliRun.of("contract", repository + ":1", repository + ":2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("port: 35357/tcp → (none)").contains("env KEYSTONE_DEBUG: false → true")
                .doesNotContain("user").doesNotContain("entrypoint");
    }

    @Test
    void envAndReport_comparesTheBuildWithWhatRunsThere_andFailsOnChangeWhenAsked() throws Exception {
        String running = image("1", "EXPOSE 5000\nUSER 42425\n");
        String next = image("2", "EXPOSE 5000\nUSER root\n");
        String state = dir.resolve("state").toString();
        CliRun deployed = CliRun.of("deployed", "--state", state, "--env", "prod", repository + "@" + running);
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
        Path report = RunReports.onePushed(dir.resolve("build-report.json"), "run-2", "keystone", repository,
                Manifest.of(("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"}")
                        .getBytes(), "application/vnd.docker.distribution.manifest.v2+json"));
        Files.writeString(report, Files.readString(report).replaceAll("sha256:[0-9a-f]{64}\"", next + "\""));
        CliRun run = CliRun.of("contract", "--state", state, "--env", "prod", "--report", report.toString(),
                "--fail-on-change", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("\"field\" : \"user\"").contains("\"before\" : \"42425\"")
                .contains("\"after\" : \"root\"").contains("\"running\" : \"" + repository + "@" + running + "\"");
    }

    @Test
    void oneReference_isBadInputSayingWhatToGive() {
        CliRun run = CliRun.of("contract", repository + ":1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give two references");
    }

    private String mutated(String tag) throws Exception {
        io.imagegraph.core.mutate.Mutation mutation = io.imagegraph.core.mutate.Mutation.of(java.util.Map.of("prod",
                new io.imagegraph.core.mutate.MutationEntry(repository + ":" + tag, repository + ":prod",
                        java.util.Map.of("LOG_LEVEL", "debug"), null, null, null, null, null, null))).get("prod");
        io.imagegraph.core.mutate.MutationResult result = new io.imagegraph.core.mutate.ImageMutator(
                new io.imagegraph.core.registry.DistributionRegistries(CredentialResolver.anonymous(),
                        java.util.Set.of(), io.imagegraph.core.registry.RetryPolicy.standard()))
                .apply(mutation, false);
        assertThat(result.status()).as(result.reason()).isEqualTo(io.imagegraph.core.mutate.MutationResult.Status.MUTATED);
        return result.digest();
    }

    @Test
    void anOverriddenImage_saysWhichChangeTheOverrideCauses_andWhichUpstreamChangeItHides() throws Exception {
        String upstream1 = image("v1", "ENV LOG_LEVEL=info\nEXPOSE 5000\n");
        String prod1 = mutated("v1");
        CliRun caused = CliRun.of("contract", repository + "@" + upstream1, repository + "@" + prod1);
        assertThat(caused.exitCode()).as(caused.err()).isZero();
        assertThat(caused.out()).contains("env LOG_LEVEL: info → debug (override prod)");

        image("v2", "ENV LOG_LEVEL=warning\nEXPOSE 5001\n");
        String prod2 = mutated("v2");
        CliRun run = CliRun.of("contract", repository + "@" + prod1, repository + "@" + prod2, "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.out());
        assertThat(json.at("/comparisons/0/changes").toString()).contains("5001/tcp").contains("\"origin\":\"upstream\"")
                .doesNotContain("LOG_LEVEL");
        assertThat(json.at("/comparisons/0/hidden/0/field").asText()).isEqualTo("env LOG_LEVEL");
        assertThat(json.at("/comparisons/0/hidden/0/after").asText()).isEqualTo("warning");
        assertThat(json.at("/comparisons/0/hidden/0/origin").asText()).isEqualTo("override prod");
    }
}
