package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.access.RegistryRefusals;
import io.imagegraph.core.build.BuildHost;
import io.imagegraph.core.build.BuildLogLines;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GitRepo;
import io.imagegraph.core.track.ConfiguredHolds;
import io.imagegraph.core.upstream.UpstreamDigest;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The buildImageGraph step's work with the real Docker Engine and a registry that wants a robot's password. */
class BuildWorkTest {

    @RegisterExtension
    static final RobotRegistry REGISTRY = new RobotRegistry();

    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    private StepRecord build(Path root, Map<String, String> variables, BuildWork.Request request) throws Exception {
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), variables,
                REGISTRY.login())) {
            return new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(log::add, false), log::add,
                    Clock.systemUTC()).run(request);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> image(StepRecord record, String name) {
        return (Map<String, Object>) record.value().get(name);
    }

    @Test
    void run_buildsAndPushesWithTheStepsLogins_andKeepsTheRunsFiles() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());

        StepRecord record = build(root, Map.of(), StepFixture.buildEverything(root, List.of("test")));

        assertThat(record.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(image(record, "base")).containsEntry("status", "built");
        String digest = (String) image(record, "app").get("digest");
        assertThat(digest).startsWith("sha256:");
        String repository = ((List<String>) image(record, "app").get("tags")).stream()
                .filter(tag -> tag.endsWith(":test")).findFirst().orElseThrow();
        assertThat(repository).startsWith(REGISTRY.host() + "/");
        String name = repository.substring(REGISTRY.host().length() + 1, repository.lastIndexOf(':'));
        assertThat(REGISTRY.client().head(RepositoryName.of(name), "test").orElseThrow().digest())
                .hasToString(digest);
        assertThat(record.files()).containsKeys("build-report.json", "lineage.svg", "lineage.html");
        assertThat(record.summary()).containsExactly("2 images: 2 built");
        assertThat(log).contains("imagegraph: building every selected image");
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void onHosts_buildsOnTheNamedHost_andTheLogAndReportSayWhichBuiltWhat() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        BuildHost host = new BuildHost("engine-1", URI.create(DockerDaemon.shared().environment().get("DOCKER_HOST")),
                2, Optional.empty());

        StepRecord record;
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(), REGISTRY.login())) {
            record = new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(log::add, false), log::add,
                    Clock.systemUTC()).onHosts(List.of(host)).run(StepFixture.buildEverything(root, List.of("test")));
        }

        assertThat(record.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(log).contains("imagegraph: building on 1 build host (engine-1)", "imagegraph: base on engine-1",
                "imagegraph: app on engine-1");
        assertThat(record.files().get("build-report.json"))
                .containsPattern("\"buildHosts\"\\s*:\\s*\\[\\s*\"engine-1\"")
                .containsPattern("\"host\"\\s*:\\s*\"engine-1\"");
    }

    @Test
    void run_pullRequestBuild_buildsWhatItChanges_taggedWithItsId() throws Exception {
        Path origin = dir.resolve("origin");
        StepFixture.graph(origin, REGISTRY.host());
        build(origin, Map.of(), StepFixture.buildEverything(origin, List.of("main")));
        Path checkout = dir.resolve("checkout");
        new GitRepo(dir).git("clone", "-q", origin.toString(), checkout.toString());
        GitRepo pr = new GitRepo(checkout);
        pr.git("checkout", "-q", "-b", "PR-7");
        pr.write("images/app/motd", "changed\n").commitAll("app changes");
        Busybox.copyInto(checkout.resolve("images/base/busybox"));

        StepRecord record = build(checkout, Map.of("CHANGE_ID", "7", "CHANGE_TARGET", "main"),
                new BuildWork.Request(checkout, LoadOptions.defaults(), Selection.all(), Optional.empty(), false,
                        Optional.empty(), List.of(), List.of("nightly"), 2, false, false, 0, "docker",
                        "buildah", List.of()));

        assertThat(record.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(image(record, "app")).containsEntry("status", "built");
        assertThat((List<String>) image(record, "app").get("tags")).anyMatch(tag -> tag.endsWith("/app:pr-7"))
                .noneMatch(tag -> tag.endsWith(":main") || tag.endsWith(":nightly"));
        assertThat(image(record, "base").get("status")).isNotEqualTo("built");
        assertThat(log).contains("imagegraph: building pull request 7 into main: what it changes since"
                + " refs/remotes/origin/main");
    }

    @Test
    void run_withoutCredentials_failsBeforeBuilding_sayingToLogIn() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        try (StepEnvironment anonymous = StepFixture.environment(dir.resolve("tmp"), Map.of(), Map.of())) {
            BuildWork work = new BuildWork(anonymous, ConfiguredHolds.none(), new BuildLogLines(log::add, false),
                    log::add, Clock.systemUTC());
            assertThatThrownBy(() -> work.run(StepFixture.buildEverything(root, List.of("test"))))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("the registry wants credentials");
        }
        assertThat(log).noneMatch(line -> line.startsWith("[base]"));
    }

    @Test
    void withRegistryRefusals_theGraphsRegistryOfAnotherFolder_isRefusedBeforeBuilding() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        String refusal = "the registry " + REGISTRY.host() + " is configured on the folder 'b', and the job 'a/images'"
                + " is not in it";
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(), REGISTRY.login())) {
            BuildWork work = new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(log::add, false),
                    log::add, Clock.systemUTC()).withRegistryRefusals(RegistryRefusals.of(Map.of(REGISTRY.host(),
                    refusal)));
            assertThatThrownBy(() -> work.run(StepFixture.buildEverything(root, List.of("test"))))
                    .isInstanceOf(RunRequestException.class).hasMessage(refusal);
            StepRecord allowed = work.withRegistryRefusals(RegistryRefusals.of(Map.of("registry.b.example", "no")))
                    .run(StepFixture.buildEverything(root, List.of("test")));
            assertThat(allowed.succeeded()).as(String.join("\n", log)).isTrue();
        }
    }

    @Test
    void withQuotas_aConfiguredQuotaTheGraphFileDoesNotHave_refusesThePushBeforeAnythingIsSent() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        String namespace = Files.readAllLines(root.resolve("imagegraph.yaml")).stream()
                .filter(line -> line.startsWith("namespace: ")).findFirst().orElseThrow().substring(11);
        List<io.imagegraph.core.quota.Quota> quotas = io.imagegraph.core.quota.ConfiguredQuotas.parse(
                "- namespace: " + REGISTRY.host() + "/" + namespace + "\n  tags: 1\n", "the folder 'a'");

        StepRecord record;
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(), REGISTRY.login())) {
            record = new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(log::add, false), log::add,
                    Clock.systemUTC()).withQuotas(quotas).run(StepFixture.buildEverything(root, List.of("test")));
        }

        assertThat(record.succeeded()).isFalse();
        assertThat(image(record, "base")).containsEntry("status", "failed");
        assertThat((String) image(record, "base").get("reason")).contains("refused before pushing")
                .contains(REGISTRY.host() + "/" + namespace);
        assertThat(image(record, "app")).containsEntry("status", "parent_failed");
        assertThat(REGISTRY.client().head(RepositoryName.of(namespace + "/base"), "test")).isEmpty();
    }

    /** A shell test that the mounted secret has this value, which names only the value's sha256. */
    private static String holds(String id, String value) throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "test \"$(sha256sum < /run/secrets/" + id + " | cut -d' ' -f1)\" = "
                + java.util.HexFormat.of().formatHex(hash);
    }

    @Test
    void run_withSecretsFromTheStep_mountsATextAndAFile_thatReachNoLogReportOrTempFolder() throws Exception {
        Path root = dir.resolve("checkout");
        String text = "pip-s3cr3t-" + System.nanoTime();
        String file = "netrc-s3cr3t-" + System.nanoTime();
        GitRepo repo = new GitRepo(root);
        repo.git("init", "-q", "-b", "main");
        repo.write("imagegraph.yaml", "registry: " + REGISTRY.host() + "\nnamespace: secrets"
                        + Long.toHexString(System.nanoTime()) + "\nimages:\n  app:\n    secrets:\n"
                        + "      - {id: pip_conf, env: PIP_CONF}\n      - {id: netrc, file: /nonexistent/netrc}\n")
                .write("images/app/Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\n"
                        + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
                        + "RUN --mount=type=secret,id=pip_conf --mount=type=secret,id=netrc " + holds("pip_conf", text)
                        + " && " + holds("netrc", file) + " && echo both-secrets-seen\n")
                .write(".gitignore", ".imagegraph/\nbusybox\n");
        Busybox.copyInto(root.resolve("images/app/busybox"));
        repo.commitAll("graph");
        BuildWork.Request everything = StepFixture.buildEverything(root, List.of("test"));
        BuildWork.Request request = new BuildWork.Request(root, everything.load(), everything.selection(),
                // Debian's client, which builds through BuildKit (secrets need it) where another is first on PATH
                Optional.empty(), true, Optional.empty(), List.of("test"), List.of(), 1, false, false, 0,
                "/usr/bin/docker", "buildah", List.of(), List.of(
                        new StepSecrets.Value("pip_conf", false, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        new StepSecrets.Value("netrc", true, file.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Optional.empty());

        StepRecord record = build(root, Map.of(), request);

        assertThat(record.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(log).anyMatch(line -> line.contains("both-secrets-seen"));
        String everythingWritten = String.join("\n", log) + record.toMap() + readAll(root.resolve(".imagegraph"));
        assertThat(everythingWritten).doesNotContain(text).doesNotContain(file);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void run_withASecretNoImageDeclares_failsBeforeBuilding() throws Exception {
        Path root = dir.resolve("checkout");
        StepFixture.graph(root, REGISTRY.host());
        BuildWork.Request everything = StepFixture.buildEverything(root, List.of("test"));
        BuildWork.Request request = new BuildWork.Request(root, everything.load(), everything.selection(),
                Optional.empty(), true, Optional.empty(), List.of("test"), List.of(), 1, false, false, 0, "docker",
                "buildah", List.of(), List.of(new StepSecrets.Value("pip_conf", false, new byte[] {'x'})),
                Optional.empty());

        assertThatThrownBy(() -> build(root, Map.of(), request)).isInstanceOf(
                        io.imagegraph.core.run.RunRequestException.class)
                .hasMessageStartingWith("secrets: no image of imagegraph.yaml declares the secret 'pip_conf'");
        assertThat(log).noneMatch(line -> line.startsWith("[base]"));
    }

    /** Every file below {@code folder}, as text. */
    private static String readAll(Path folder) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    /** Builds and pushes {@code <registry>/upstream/busybox:1} with the robot's login; returns its digest. */
    private String pushUpstream(String version) throws Exception {
        Path context = Files.createDirectories(dir.resolve("upstream-" + version));
        Busybox.copyInto(context.resolve("busybox"));
        Files.writeString(context.resolve("version"), version);
        Files.writeString(context.resolve("Dockerfile"),
                "FROM scratch\nCOPY busybox /bin/busybox\nCOPY version /version\n");
        String image = REGISTRY.host() + "/upstream/busybox:1";
        try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(), REGISTRY.login())) {
            for (List<String> args : List.of(List.of("docker", "build", "--network", "none", "-t", image,
                    context.toString()), List.of("docker", "push", image))) {
                CapturedRun run = CapturedRun.run(
                        environment.runner(), new ProcessSpec(args,
                                environment.toolEnvironment(), Optional.empty(), Optional.empty()));
                assertThat(run.exitCode()).as(run.stderr()).isZero();
            }
        }
        return REGISTRY.client().head(RepositoryName.of("upstream/busybox"), "1").orElseThrow().digest().toString();
    }

    @Test
    void run_withTheDigestThatStartedIt_pinsIt_andRebuildsWhatIsBuiltOnIt() throws Exception {
        pushUpstream("1.0");
        Path root = dir.resolve("checkout");
        GitRepo repo = new GitRepo(root);
        repo.git("init", "-q", "-b", "main");
        repo.write("imagegraph.yaml", "registry: " + REGISTRY.host() + "\nnamespace: moved"
                        + Long.toHexString(System.nanoTime()) + "\n")
                .write("images/app/Dockerfile", "FROM " + REGISTRY.host() + "/upstream/busybox:1\nCOPY motd /motd\n")
                .write("images/app/motd", "hi\n").commitAll("app");
        build(root, Map.of(), StepFixture.buildEverything(root, List.of("test")));
        String moved = pushUpstream("1.1");
        String key = REGISTRY.host() + "/upstream/busybox:1";
        UpstreamDigest pin = new UpstreamDigest(key,
                REGISTRY.host() + "/upstream/busybox", "1", moved, "1", null, "2026-11-24T00:00:00Z", "trigger");

        StepRecord record = build(root, Map.of(), new BuildWork.Request(root, LoadOptions.defaults(), Selection.all(),
                Optional.empty(), true, Optional.empty(), List.of("test"), List.of(), 2, false, false, 0, "docker",
                "buildah", List.of(pin)));

        assertThat(record.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(image(record, "app")).containsEntry("status", "built");
        assertThat(log).contains("imagegraph: pinning " + key + " to " + moved + ", which started this build");
        assertThat(record.files().get("build-report.json")).isNotEmpty();
        assertThat(JsonLinesLineageStore.in(
                StateDirectory.at(root.resolve(".imagegraph"))).records())
                .anySatisfy(lineage -> assertThat(lineage.externalBases()).anyMatch(base -> base.endsWith("@" + moved)));
    }

    @Test
    void run_whenStopped_recordsWhatWasBuilt_andSaysItWasStopped() throws Exception {
        Path root = dir.resolve("checkout");
        GitRepo repo = StepFixture.graph(root, REGISTRY.host());
        repo.write("images/app/Dockerfile", "FROM base\nRUN [\"/bin/busybox\", \"sleep\", \"120\"]\n")
                .commitAll("a slow app");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread step = new Thread(() -> {
            try (StepEnvironment environment = StepFixture.environment(dir.resolve("tmp"), Map.of(),
                    REGISTRY.login())) {
                outcome.set(new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(lines::add, false),
                        lines::add, Clock.systemUTC()).run(StepFixture.buildEverything(root, List.of("test"))));
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        step.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (lines.stream().noneMatch(line -> line.contains("sleep"))) {
            assertThat(System.currentTimeMillis()).as("app started building: " + lines).isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        step.interrupt();
        step.join(60_000);

        assertThat(step.isAlive()).isFalse();
        assertThat(outcome.get()).as("the stopped step returns its record").isInstanceOf(StepRecord.class);
        StepRecord record = (StepRecord) outcome.get();
        assertThat(record.stopped()).isTrue();
        assertThat(record.succeeded()).isFalse();
        assertThat(image(record, "base")).containsEntry("status", "built");
        assertThat(image(record, "app")).containsEntry("status", "cancelled");
        assertThat(record.failure()).contains("stopped: buildImageGraph was stopped; 1 image was not built"
                + " (cancelled in the report)");
        assertThat(record.files()).containsKeys("build-report.json", "lineage.svg");
        assertThat(record.summary()).last().isEqualTo("stopped: buildImageGraph was stopped; 1 image was not"
                + " built (cancelled in the report)");
    }
}
