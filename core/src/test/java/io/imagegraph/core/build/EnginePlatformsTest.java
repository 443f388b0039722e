package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.TargetPlatform;
import io.imagegraph.core.testing.DockerDaemon;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build host builds for, asked of a real Docker Engine; the kernel and binfmt_misc folders are the test's. */
class EnginePlatformsTest {

    private static final String AARCH64_MAGIC = "7f454c460201010000000000000000000200b700";
    private static final String OWN = "linux/" + HostPlatforms.goArch(System.getProperty("os.arch"));

    @TempDir
    Path dir;
    private DockerDaemon docker;
    private Path kernel;
    private Path binfmt;

    @BeforeEach
    void folders() throws Exception {
        docker = DockerDaemon.shared();
        kernel = Files.createDirectories(dir.resolve("kernel"));
        binfmt = Files.createDirectories(dir.resolve("binfmt"));
        Files.writeString(binfmt.resolve("status"), "enabled\n");
        Files.writeString(binfmt.resolve("qemu-aarch64"), "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64\n"
                + "flags: PF\noffset 0\nmagic " + AARCH64_MAGIC + "\nmask ffffffffffffff00fffffffffffffffffeffffff\n");
    }

    private void sameKernel(boolean same) throws Exception {
        String[] info = docker.docker("info", "--format", "{{.Name}} {{.KernelVersion}}").stdout().strip().split(" ");
        Files.writeString(kernel.resolve("hostname"), (same ? info[0] : "elsewhere") + "\n");
        Files.writeString(kernel.resolve("osrelease"), info[1] + "\n");
    }

    private EnginePlatforms platforms(List<TargetPlatform> declared) {
        BuildHost host = new BuildHost("h1", URI.create(docker.host()), 1, Optional.empty(), declared);
        return new EnginePlatforms(host, new LocalProcessRunner(), "docker", docker.environment(), kernel, binfmt);
    }

    private static TargetPlatform platform(String text) {
        return TargetPlatform.parse(text);
    }

    @Test
    void theEnginesOwnPlatform_isBuilt_andAnEmulatedOneOnThisKernel_throughItsHandler() throws Exception {
        sameKernel(true);
        EnginePlatforms platforms = platforms(List.of());
        assertThat(platforms.refusal("app", platform(OWN))).isEmpty();
        assertThat(platforms.refusal("app", platform("linux/arm64"))).isEmpty();
        assertThat(platforms.refusal("app", platform("linux/s390x"))).hasValueSatisfying(why -> assertThat(why)
                .startsWith("its Engine runs " + OWN + " on this machine's kernel, which cannot run linux/s390x"
                        + " binaries: image app cannot be built for linux/s390x").contains("no binfmt_misc handler"));
    }

    @Test
    void anEngineOnAnotherMachine_buildsOnlyItsOwnPlatform_andSaysHowToDeclareMore() throws Exception {
        sameKernel(false);
        EnginePlatforms platforms = platforms(List.of());
        assertThat(platforms.refusal("app", platform(OWN))).isEmpty();
        assertThat(platforms.refusal("app", platform("linux/s390x"))).contains("its Engine runs " + OWN + " on another"
                + " machine, whose emulators cannot be seen from here, so not linux/s390x; declare what it builds with"
                + " platforms=" + OWN + "+linux/s390x in its definition");
    }

    @Test
    void declaredPlatforms_areTakenAsGiven_withoutAskingTheEngine() throws Exception {
        sameKernel(true);
        BuildHost host = new BuildHost("h1", URI.create("tcp://127.0.0.1:1"), 1, Optional.empty(),
                List.of(platform("linux/amd64"), platform("linux/s390x")));
        EnginePlatforms platforms = new EnginePlatforms(host, new LocalProcessRunner(), "docker", host.environment(),
                kernel, binfmt);
        assertThat(platforms.refusal("app", platform("linux/s390x"))).isEmpty();
        assertThat(platforms.refusal("app", platform("linux/arm64"))).contains("it builds linux/amd64, linux/s390x"
                + " (platforms= in its definition), not linux/arm64");
    }

    @Test
    void anEngineThatDoesNotAnswer_isGivenNoPlatform() throws Exception {
        BuildHost host = new BuildHost("h1", URI.create("tcp://127.0.0.1:1"), 1, Optional.empty());
        EnginePlatforms platforms = new EnginePlatforms(host, new LocalProcessRunner(), "docker", host.environment(),
                kernel, binfmt);
        assertThat(platforms.refusal("app", platform("linux/amd64"))).contains("its Engine at tcp://127.0.0.1:1 did"
                + " not say its platform (docker info), so linux/amd64 cannot be given to it");
    }
}
