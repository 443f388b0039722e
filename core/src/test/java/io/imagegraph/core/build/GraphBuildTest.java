package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static io.imagegraph.core.build.FamilyBuild.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Builds small graphs with the real Docker Engine ({@link FamilyBuild}): order, failures, changes and cancelling. */
class GraphBuildTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void lociFamily_buildsBaseThenWheelsThenProjects_withLocisBuildArgsAndTheWheelsPinned(@TempDir Path loci)
            throws Exception {
        family.fixture = GraphFixture.copyOfExample("loci", loci);
        Files.writeString(loci.resolve("imagegraph.yaml"), Files.readString(loci.resolve("imagegraph.yaml"))
                .replace("namespace: loci", "namespace: loci" + Long.toHexString(System.nanoTime())));
        Busybox.copyInto(loci.resolve("images/base/container-assets/busybox"));
        BuildReport report = family.build(Optional.empty(), false);
        Map<String, ImageResult> results = byName(report);
        assertThat(statuses(report)).as(report.images().toString()).containsEntry("base", ImageStatus.BUILT).containsEntry("requirements",
                ImageStatus.BUILT).containsEntry("keystone", ImageStatus.BUILT).containsEntry("glance", ImageStatus.BUILT);
        List<String> started = family.events.stream().filter(e -> e instanceof BuildEvent.Started)
                .map(e -> ((BuildEvent.Started) e).image()).toList();
        assertThat(started.indexOf("base")).isLessThan(started.indexOf("requirements"));
        assertThat(started.indexOf("requirements")).isLessThan(started.indexOf("keystone"))
                .isLessThan(started.indexOf("glance"));
        String requirements = results.get("requirements").imageId().orElseThrow();
        String keystone = results.get("keystone").imageId().orElseThrow();
        List<String> buildArgs = family.docker.docker("run", "--rm", "--network", "none", "--entrypoint", "/bin/cat", keystone,
                "/opt/loci/build-args").stdout().lines().toList();
        // WHEELS is a reference LOCI can fetch (the requirements image's input-digest tag), never an image ID
        String wheels = buildArgs.stream().filter(line -> line.startsWith("WHEELS=")).findFirst().orElseThrow()
                .substring("WHEELS=".length());
        assertThat(wheels).doesNotStartWith("sha256:").contains("/requirements:input-sha256-");
        assertThat(family.docker.docker("image", "inspect", "--format", "{{.Id}}", wheels).stdout().strip()).isEqualTo(requirements);
        assertThat(buildArgs).contains("PROJECT=keystone",
                "PROJECT_REPO=https://opendev.org/openstack/keystone", "PROJECT_REF=stable/2024.1",
                "PROFILES=apache ldap", "PIP_PACKAGES=python-openstackclient", "UID=42425",
                "GID=42424");
        assertThat(family.docker.docker("run", "--rm", "--network", "none", "--entrypoint", "/bin/cat", requirements,
                "/opt/loci/build-args").stdout()).contains("PROJECT=requirements").contains("WHEELS=scratch\n");
        // keystone's project stage had the requirements image's wheels bind-mounted (RUN --mount from=wheels)
        assertThat(family.docker.docker("run", "--rm", "--network", "none", "--entrypoint", "/bin/cat", keystone,
                "/opt/loci/wheels-used").stdout()).startsWith("wheels of openstack/requirements");
        assertThat(family.label(keystone, "org.opencontainers.image.base.digest"))
                .isEqualTo(results.get("base").imageId().orElseThrow());
        BuildReport again = family.build(Optional.empty(), false);
        assertThat(statuses(again).values()).containsOnly(ImageStatus.REUSED);
    }

    @Test
    void failingImageInTheMiddle_stopsItsDescendantsOnly() throws Exception {
        family.fixture.image("broken", "FROM base\nRUN echo about to fail && exit 3\n").image("after", "FROM broken\n");
        BuildReport report = family.build(Optional.empty(), false);
        assertThat(statuses(report)).containsEntry("base", ImageStatus.BUILT).containsEntry("mid", ImageStatus.BUILT)
                .containsEntry("leaf", ImageStatus.BUILT).containsEntry("sibling", ImageStatus.BUILT)
                .containsEntry("broken", ImageStatus.FAILED).containsEntry("after", ImageStatus.PARENT_FAILED);
        assertThat(report.succeeded()).isFalse();
        ImageResult broken = byName(report).get("broken");
        // the legacy client exits with the step's code, a BuildKit one with 1
        assertThat(broken.reason()).matches("(.*/)?docker build exited with [13] at 'RUN echo about to fail && exit 3':"
                + " about to fail");
        assertThat(Files.readString(Path.of(broken.logFile().orElseThrow()))).contains("about to fail");
        // BuildKit prefixes a step's output with its number and time: "#6 0.43 about to fail"
        assertThat(family.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(BuildEvent.Output.class,
                output -> assertThat(output.image() + " " + output.line()).startsWith("broken").endsWith("about to fail")));
    }

    @Test
    void leafChange_rebuildsExactlyTheLeaf() throws Exception {
        BuildReport first = family.build(Optional.empty(), false);
        family.fixture.file("images/leaf/leaf.txt", "leaf v2\n");
        BuildReport second = family.build(Optional.of(new ChangeSet("test", List.of("images/leaf/leaf.txt"))), false);
        assertThat(statuses(second)).containsEntry("leaf", ImageStatus.BUILT).containsEntry("mid", ImageStatus.REUSED)
                .containsEntry("base", ImageStatus.REUSED).containsEntry("sibling", ImageStatus.NOT_SELECTED);
        assertThat(byName(second).get("leaf").imageId()).isNotEqualTo(byName(first).get("leaf").imageId());
        assertThat(byName(second).get("mid").reason()).contains("needed by leaf");
    }

    @Test
    void baseChange_rebuildsEverythingUnderIt() throws Exception {
        BuildReport first = family.build(Optional.empty(), false);
        family.fixture.file("images/base/base.txt", "base v2\n");
        BuildReport second = family.build(Optional.of(new ChangeSet("test", List.of("images/base/base.txt"))), false);
        assertThat(statuses(second).values()).containsOnly(ImageStatus.BUILT);
        for (String name : List.of("base", "mid", "leaf", "sibling")) {
            assertThat(byName(second).get(name).imageId()).as(name).isNotEqualTo(byName(first).get(name).imageId());
        }
        String sibling = byName(second).get("sibling").imageId().orElseThrow();
        assertThat(family.docker.docker("run", "--rm", "--network", "none", sibling, "/bin/cat", "/copy.txt").stdout())
                .isEqualTo("base v2\n");
    }

    @Test
    void interrupt_stopsTheRunningBuild_andStillReports() throws Exception {
        family.fixture.image("slow", "FROM base\nRUN sleep 120\n");
        java.util.concurrent.atomic.AtomicReference<BuildReport> report = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagSet = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                report.set(family.build(Optional.empty(), false));
                flagSet.set(Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        caller.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (family.events.stream().noneMatch(e -> e instanceof BuildEvent.Output o && o.image().equals("slow")
                && o.line().contains("sleep 120"))) {
            assertThat(System.currentTimeMillis()).as("slow started building").isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(60_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(java.time.Duration.ofSeconds(40));
        assertThat(flagSet.get()).isTrue();
        assertThat(statuses(report.get())).containsEntry("slow", ImageStatus.CANCELLED).containsEntry("base", ImageStatus.BUILT);
        long runningDeadline = System.currentTimeMillis() + 20_000;
        while (!family.docker.docker("ps", "-q").stdout().isBlank()) {
            assertThat(System.currentTimeMillis()).as("the daemon stopped the cancelled build's container").isLessThan(runningDeadline);
            Thread.sleep(200);
        }
    }
}
