package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.graph.BuildSecret;
import io.imagegraph.core.graph.BuildSettings;
import io.imagegraph.core.graph.NetworkMode;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.testing.BuildahStore;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds one image at a time with the real Docker Engine of the tests (started with
 * {@code --bridge=none}) through BuildKit, with Debian's docker client, which has BuildKit built
 * in; and with buildah in a private store.
 */
class DockerfileBuilderTest {

    /** Debian's docker.io client: BuildKit without the buildx plugin. */
    private static final String DEBIAN_DOCKER = "/usr/bin/docker";
    private static final String BASE = "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

    @TempDir
    Path dir;
    private DockerDaemon docker;
    private GraphFixture fixture;
    private final List<List<String>> argvs = new CopyOnWriteArrayList<>();
    private final ProcessRunner runner = new ProcessRunner() {
        private final LocalProcessRunner local = new LocalProcessRunner();

        @Override
        public int run(ProcessSpec spec, OutputStream stdout, OutputStream stderr) throws IOException, InterruptedException {
            argvs.add(spec.argv());
            return local.run(spec, stdout, stderr);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        docker = DockerDaemon.shared();
        fixture = new GraphFixture(dir);
        Busybox.copyInto(dir.resolve("images/app/busybox"));
    }

    private String build(String dockerfile, BuildSettings settings, Map<String, String> extraEnvironment,
                         ByteArrayOutputStream log) throws Exception {
        return build(DockerfileBuilder.docker(runner, DEBIAN_DOCKER, environment(extraEnvironment)), dockerfile, settings,
                log);
    }

    private String build(DockerfileBuilder builder, String dockerfile, BuildSettings settings, ByteArrayOutputStream log)
            throws Exception {
        fixture.image("app", dockerfile);
        TreeMap<String, String> labels = new TreeMap<>(Map.of("io.imagegraph.run", "r1", "org.example.note", "a \"quoted\" $value"));
        BuildJob job = new BuildJob(fixture.graph().node("app"), dir, Map.of(), labels,
                List.of("t" + System.nanoTime() + "/app:test"), dir.resolve("work"), Map.of(), settings);
        return builder.build(job, log);
    }

    private Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(docker.environment());
        env.putAll(extra);
        return env;
    }

    private static BuildSettings network(NetworkMode mode) {
        return BuildSettings.defaults().withNetwork(mode);
    }

    /** A shell test that the mounted secret has this value, which names only the value's sha256. */
    private static String holds(String id, String value) throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        return "test \"$(sha256sum < /run/secrets/" + id + " | cut -d' ' -f1)\" = "
                + java.util.HexFormat.of().formatHex(hash);
    }

    @Test
    void buildKit_setsTheLabelsWithoutAStepOfTheirOwn_andSaysSoInTheLog() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String id = build(BASE + "RUN --mount=type=cache,target=/cache touch /cache/x\n", network(NetworkMode.NONE), Map.of(), log);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("BuildKit (DOCKER_BUILDKIT=1)");
        assertThat(docker.docker("image", "inspect", "--format", "{{index .Config.Labels \"org.example.note\"}}", id)
                .stdout().strip()).isEqualTo("a \"quoted\" $value");
        assertThat(docker.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", id).stdout()).doesNotContain("LABEL");
        assertThat(Files.readString(dir.resolve("work/Dockerfile"))).doesNotContain("LABEL");
    }

    @Test
    void legacyBuilder_whenBuildKitIsTurnedOff_isChosenAndReported_withTheLabelsInOneStep() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String id = build(BASE, network(NetworkMode.NONE), Map.of("DOCKER_BUILDKIT", "0"), log);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("legacy builder (DOCKER_BUILDKIT=0 in the environment)");
        assertThat(docker.docker("image", "inspect", "--format", "{{index .Config.Labels \"io.imagegraph.run\"}}", id)
                .stdout().strip()).isEqualTo("r1");
    }

    @Test
    void networkNone_aStepThatFetches_failsNamingTheImageTheInstructionAndHowToAllowIt() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.serving("package index\n")) {
            assertThatThrownBy(() -> build(BASE + "RUN wget -q -O /index " + server.url() + "\n",
                    network(NetworkMode.NONE), Map.of(), new ByteArrayOutputStream()))
                    .isInstanceOf(ImageBuildException.class)
                    .hasMessageStartingWith("image app needs the network at 'RUN wget -q -O /index " + server.url() + "'")
                    .hasMessageContaining("the build has no network (network: none)")
                    .hasMessageEndingWith("allow it with 'network: host' for app (or for every image) in the graph file,"
                            + " or with --network host")
                    .matches(e -> !((ImageBuildException) e).isTransient(), "not transient");
        }
    }

    @Test
    void networkHost_aStepFetchesFromALoopbackServer() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.serving("package index\n")) {
            String id = build(BASE + "RUN wget -q -O /index " + server.url() + "\n", network(NetworkMode.HOST), Map.of(),
                    new ByteArrayOutputStream());
            assertThat(docker.docker("run", "--rm", "--network", "none", id, "cat", "/index").stdout())
                    .isEqualTo("package index\n");
        }
    }

    @Test
    void defaultNetwork_onAnEngineWithoutABridge_isNoNetwork_andTheFailureSaysWhy() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.serving("x")) {
            assertThatThrownBy(() -> build(BASE + "RUN wget -q -O /index " + server.url() + "\n",
                    BuildSettings.defaults(), Map.of(), new ByteArrayOutputStream()))
                    .hasMessageContaining("the Docker Engine has no bridge network: dockerd --bridge=none")
                    .hasMessageContaining("'network: host'");
        }
    }

    @Test
    void failingStep_theReasonIsTheLineItPrinted_notTheExitCode() {
        assertThatThrownBy(() -> build(BASE + "RUN set -u; echo \"$PIP_VERSION_CONSTRAINT\"\n", network(NetworkMode.NONE),
                Map.of(), new ByteArrayOutputStream()))
                .hasMessage("/usr/bin/docker build exited with 1 at 'RUN set -u; echo \"$PIP_VERSION_CONSTRAINT\"':"
                        + " /bin/sh: PIP_VERSION_CONSTRAINT: parameter not set");
    }

    /** LOCI's shape: an ARG declared in the common stage, used by a stage built FROM common. */
    private static final String ARG_IN_COMMON = BASE.replace("FROM scratch", "FROM scratch AS common")
            + "ARG PIP_VERSION_CONSTRAINT=\"\"\nFROM common AS requirements\nRUN set -u; echo \"pip$PIP_VERSION_CONSTRAINT\" > /pip\n";

    @Test
    void legacyBuilder_anArgOfAnEarlierStage_failsWithTheLineItPrinted_withoutColourCodes() {
        assertThatThrownBy(() -> build(ARG_IN_COMMON, network(NetworkMode.NONE), Map.of("DOCKER_BUILDKIT", "0"),
                new ByteArrayOutputStream()))
                .hasMessage("/usr/bin/docker build exited with 2 at 'RUN set -u; echo \"pip$PIP_VERSION_CONSTRAINT\" > /pip':"
                        + " /bin/sh: PIP_VERSION_CONSTRAINT: parameter not set")
                .message().doesNotContain("[0m").doesNotContain("\u001B");
    }

    @Test
    void buildKit_carriesTheArgsOfTheStageItBuildsFrom() throws Exception {
        String id = build(ARG_IN_COMMON, network(NetworkMode.NONE), Map.of(), new ByteArrayOutputStream());
        assertThat(docker.docker("run", "--rm", "--network", "none", id, "cat", "/pip").stdout()).isEqualTo("pip\n");
    }

    @Test
    void secrets_fromAVariableAndAFile_reachTheBuild_butNoArgumentLabelHistoryOrLog() throws Exception {
        String fromEnv = "env-s3cr3t-" + System.nanoTime();
        String fromFile = "file-s3cr3t-" + System.nanoTime();
        Files.writeString(dir.resolve("pip.conf"), fromFile);
        BuildSettings settings = new BuildSettings(NetworkMode.NONE, List.of(new BuildSecret("token", "TOKEN", null),
                new BuildSecret("pip_conf", null, "pip.conf")), new TreeMap<>());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String id = build(BASE + "RUN --mount=type=secret,id=token --mount=type=secret,id=pip_conf"
                + " " + holds("token", fromEnv) + " && " + holds("pip_conf", fromFile) + " && echo secrets-seen\n", settings,
                Map.of("TOKEN", fromEnv), log);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("secrets-seen");
        String inspected = docker.docker("image", "inspect", id).stdout()
                + docker.docker("history", "--no-trunc", id).stdout();
        for (String secret : List.of(fromEnv, fromFile)) {
            assertThat(argvs).allSatisfy(argv -> assertThat(String.join(" ", argv)).doesNotContain(secret));
            assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
            assertThat(inspected).doesNotContain(secret);
        }
    }

    @Test
    void secretFromAnUnsetVariable_failsBeforeTheBuildNamingIt() {
        BuildSettings settings = new BuildSettings(NetworkMode.NONE,
                List.of(new BuildSecret("pip_conf", "IMAGEGRAPH_TEST_UNSET_SECRET", null)), new TreeMap<>());
        assertThatThrownBy(() -> build(BASE, settings, Map.of(), new ByteArrayOutputStream()))
                .hasMessageStartingWith("image app needs the secret 'pip_conf' from the environment variable"
                        + " IMAGEGRAPH_TEST_UNSET_SECRET, which is not set");
    }

    @Test
    void syntaxDirective_whoseFrontendCannotBeFetched_failsWithASentence() {
        assertThatThrownBy(() -> build("# syntax=127.0.0.1:1/docker/dockerfile:1\n" + BASE, network(NetworkMode.NONE),
                Map.of(), new ByteArrayOutputStream()))
                .hasMessageStartingWith("the Dockerfile's '# syntax=127.0.0.1:1/docker/dockerfile:1' frontend cannot be"
                        + " fetched")
                .hasMessageEndingWith("or remove the line to build with the Engine's own Dockerfile frontend")
                .matches(e -> !((ImageBuildException) e).isTransient(), "not transient");
    }

    @Test
    void buildah_secretAndHostNetwork_reachTheBuild() throws Exception {
        String secret = "buildah-s3cr3t-" + System.nanoTime();
        Map<String, String> env = new HashMap<>(BuildahStore.shared().environment());
        env.put("TOKEN", secret);
        BuildSettings settings = new BuildSettings(NetworkMode.HOST, List.of(new BuildSecret("token", "TOKEN", null)),
                new TreeMap<>());
        try (LoopbackHttpServer server = LoopbackHttpServer.serving("from the mirror\n")) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            build(DockerfileBuilder.buildah(runner, "buildah", env), BASE + "RUN --mount=type=secret,id=token "
                    + holds("token", secret) + " && wget -q -O /index " + server.url()
                    + " && cat /index\n", settings, log);
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("from the mirror").doesNotContain(secret);
            assertThat(argvs).allSatisfy(argv -> assertThat(String.join(" ", argv)).doesNotContain(secret));
        }
    }
}
