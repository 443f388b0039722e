package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.NetnsEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One graph built across three real Docker Engines, each in a network namespace of its own, with
 * a registry they all reach ({@link NetnsEngines}). The last test kills one Engine mid-run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostBuildTest {

    private static NetnsEngines engines;

    @TempDir
    Path dir;

    @BeforeAll
    static void hosts() throws Exception {
        engines = NetnsEngines.start();
    }

    @AfterAll
    static void stop() {
        if (engines != null) {
            engines.close();
        }
    }

    private GraphFixture graph(String namespace) throws Exception {
        return HostsBuild.busyboxBase(dir, namespace);
    }

    private BuildReport build(GraphFixture fixture, List<BuildHost> hosts, int retries, BuildEventSink events)
            throws Exception {
        return build(fixture, hosts, retries, events, "docker");
    }

    /** With this docker client on the hosts (Debian's /usr/bin/docker builds through BuildKit without buildx). */
    private BuildReport build(GraphFixture fixture, List<BuildHost> hosts, int retries, BuildEventSink events,
                              String docker) throws Exception {
        return HostsBuild.run(dir, fixture, hosts, engines.registry(), retries, events, docker);
    }

    private static Map<String, ImageResult> byName(BuildReport report) {
        return report.images().stream().collect(Collectors.toMap(ImageResult::name, Function.identity()));
    }

    @Test
    @Order(1)
    void aFourLevelGraph_buildsAcrossThreeHosts_childrenPullTheirParentsByDigest() throws Exception {
        GraphFixture fixture = graph("four");
        for (String branch : List.of("x", "y", "z")) {
            fixture.image("two-" + branch, "FROM base\nRUN sleep 2 && echo " + branch + " > /two\n")
                    .image("three-" + branch, "FROM two-" + branch + "\nRUN sleep 1 && cat /two > /three\n");
        }
        fixture.image("four", "FROM three-x\nRUN cat /three\n");
        BuildReport report = build(fixture, List.of(engines.host("a", 1), engines.host("b", 1), engines.host("c", 1)),
                0, event -> { });

        Map<String, ImageResult> images = byName(report);
        assertThat(images.values()).allSatisfy(image -> assertThat(image.status()).isEqualTo(ImageStatus.BUILT));
        HostsReport hosts = report.hosts().orElseThrow();
        assertThat(hosts.down()).isEmpty();
        assertThat(hosts.placements().keySet()).containsAll(images.keySet());
        assertThat(hosts.placements().values().stream().map(HostsReport.Placement::host).distinct().count())
                .as("images spread over the hosts: %s", hosts.placements()).isEqualTo(3);
        String baseHost = hosts.placement("base").orElseThrow().host();
        String pulling = List.of("two-x", "two-y", "two-z").stream()
                .filter(name -> !hosts.placement(name).orElseThrow().host().equals(baseHost)).findFirst().orElseThrow();
        HostsReport.Placement placement = hosts.placement(pulling).orElseThrow();
        String baseReference = images.get("base").tags().get(0).replaceFirst(":[^:/]+$", "") + "@"
                + images.get("base").digest().orElseThrow();
        assertThat(placement.pulledParents()).containsExactly(baseReference);
        assertThat(placement.parentPull()).isPositive();
        assertThat(Files.readString(dir.resolve(".imagegraph/run/work/" + pulling + "/Dockerfile")))
                .startsWith("FROM " + baseReference + "\n");
        assertThat(engines.docker(placement.host(), "image", "inspect", "--format", "{{json .RepoDigests}}", baseReference))
                .contains(images.get("base").digest().orElseThrow());
        // a child on its parent's host builds from the local image and pulls nothing
        String localChild = List.of("three-x", "three-y", "three-z").stream()
                .filter(name -> hosts.placement(name).orElseThrow().host().equals(
                        hosts.placement(name.replace("three", "two")).orElseThrow().host())).findFirst().orElseThrow();
        assertThat(hosts.placement(localChild).orElseThrow().pulledParents()).isEmpty();
    }

    @Test
    @Order(2)
    void anImageIsGivenOnlyToHostsThatBuildItsPlatform_andOneNoHostBuildsIsRefusedNamingThemAll() throws Exception {
        GraphFixture fixture = graph("plat");
        String namespace = fixture.load().graph().orElseThrow().namespace().orElseThrow();
        fixture.graphFile("namespace: " + namespace + "\nimages:\n  arm:\n    platforms: [linux/arm64]\n"
                        + "  mainframe:\n    platforms: [linux/s390x]\n")
                .image("arm", "FROM scratch\nCOPY arm.txt /arm.txt\n").file("images/arm/arm.txt", "arm\n")
                .image("mainframe", "FROM scratch\nCOPY m.txt /m.txt\n").file("images/mainframe/m.txt", "m\n")
                .image("mainframe-app", "FROM mainframe\nCOPY app.txt /app.txt\n")
                .file("images/mainframe-app/app.txt", "app\n");
        BuildHost a = engines.host("a", 2);
        BuildHost amd64Only = new BuildHost(a.name(), a.url(), a.slots(), a.tls(),
                List.of(io.imagegraph.core.ref.TargetPlatform.parse("linux/amd64")));
        BuildReport report = build(fixture, List.of(amd64Only, engines.host("b", 1), engines.host("c", 1)), 0,
                event -> { }, "/usr/bin/docker");

        Map<String, ImageResult> images = byName(report);
        HostsReport hosts = report.hosts().orElseThrow();
        assertThat(images.get("base").status()).isEqualTo(ImageStatus.BUILT);
        assertThat(images.get("arm").status()).as(images.get("arm").reason()).isEqualTo(ImageStatus.BUILT);
        assertThat(hosts.placement("arm").orElseThrow().host()).as("a declares linux/amd64 only").isIn("b", "c");
        ImageResult mainframe = images.get("mainframe");
        assertThat(mainframe.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(mainframe.reason()).startsWith("no build host can build mainframe (a: it builds linux/amd64"
                        + " (platforms= in its definition), not linux/s390x; b: its Engine runs linux/amd64 on this"
                        + " machine's kernel, which cannot run linux/s390x binaries: ")
                .contains("; c: its Engine runs linux/amd64 on this machine's kernel, which cannot run linux/s390x")
                .contains("no binfmt_misc handler");
        assertThat(images.get("mainframe-app").status()).isEqualTo(ImageStatus.PARENT_FAILED);
        assertThat(hosts.placement("mainframe")).isEmpty();
    }

    @Test
    @Order(3)
    void anEngineKilledMidRun_isMarkedDownAtItsFirstFailedBuild_andItsBuildsMoveToTheOtherHosts_oneRetryEach()
            throws Exception {
        GraphFixture fixture = graph("kill");
        for (int i = 1; i <= 6; i++) {
            fixture.image("wait-" + i, "FROM base\nRUN sleep 6 && echo " + i + " > /n\n");
        }
        CountDownLatch buildingOnB = new CountDownLatch(1);
        List<BuildEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        BuildEventSink events = event -> {
            seen.add(event);
            if (event instanceof BuildEvent.Started started && started.image().startsWith("wait-")
                    && started.action().startsWith("building") && started.action().endsWith("on build host b")) {
                buildingOnB.countDown();
            }
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<BuildReport> run = thread.submit(() -> build(fixture,
                    List.of(engines.host("a", 2), engines.host("b", 2), engines.host("c", 2)), 2, events));
            assertThat(buildingOnB.await(120, TimeUnit.SECONDS)).as("a wait-* image started on host b").isTrue();
            Thread.sleep(2000);
            engines.kill("b");
            BuildReport report = run.get(300, TimeUnit.SECONDS);

            assertThat(report.images()).allSatisfy(image -> assertThat(image.status())
                    .as(image.name() + ": " + image.reason()).isEqualTo(ImageStatus.BUILT));
            HostsReport hosts = report.hosts().orElseThrow();
            assertThat(hosts.down()).singleElement().satisfies(down -> {
                assertThat(down.host()).isEqualTo("b");
                assertThat(down.reason()).contains("10.213.77.12");
                assertThat(down.lostTasks()).isNotEmpty().allSatisfy(image -> assertThat(
                        hosts.placement(image).orElseThrow().host()).isNotEqualTo("b"));
            });
            Map<String, ImageResult> images = byName(report);
            for (String lost : hosts.down().get(0).lostTasks()) {
                // one attempt on b, whose failure found b down, and one on the host it moved to
                assertThat(images.get(lost).attempts()).as(lost).isEqualTo(2);
                assertThat(seen).as(lost + " was not built again on b").filteredOn(event ->
                        event instanceof BuildEvent.Started started && started.image().equals(lost)
                                && started.action().startsWith("building") && started.action().endsWith("on build host b"))
                        .hasSize(1);
                assertThat(seen).filteredOn(event -> event instanceof BuildEvent.Retrying retrying
                        && retrying.image().equals(lost)).singleElement().satisfies(event -> {
                            BuildEvent.Retrying retrying = (BuildEvent.Retrying) event;
                            assertThat(retrying.attempt()).isEqualTo(1);
                            assertThat(retrying.reason()).startsWith("build host b is down: ")
                                    .endsWith("; building it on another host");
                        });
            }
        } finally {
            thread.shutdownNow();
        }
    }
}
