package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.TargetPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPlatformsTest {

    private static final String AARCH64_MAGIC = "7f454c460201010000000000000000000200b700";
    private static final String S390X_MAGIC = "7f454c4602020100000000000000000000020016";

    @TempDir
    Path binfmt;

    @BeforeEach
    void mounted() throws Exception {
        Files.writeString(binfmt.resolve("status"), "enabled\n");
        Files.writeString(binfmt.resolve("register"), "");
    }

    private void handler(String name, String state, String flags, String magic) throws Exception {
        Files.writeString(binfmt.resolve(name), state + "\ninterpreter /usr/libexec/qemu-binfmt/" + name + "\nflags: "
                + flags + "\noffset 0\nmagic " + magic + "\nmask ffffffffffffff00fffffffffffffffffeffffff\n");
    }

    private static TargetPlatform platform(String text) {
        return TargetPlatform.parse(text);
    }

    @Test
    void theMachinesOwnPlatform_isAlwaysBuildable() {
        assertThat(HostPlatforms.of("amd64", binfmt.resolve("absent")).refusal("base", platform("linux/amd64"))).isEmpty();
        assertThat(HostPlatforms.of("amd64", binfmt).nativePlatform()).isEqualTo(platform("linux/amd64"));
    }

    @Test
    void anEnabledHandlerWithTheFixBinaryFlag_makesItsArchitectureBuildable() throws Exception {
        handler("qemu-aarch64", "enabled", "PF", AARCH64_MAGIC);
        HostPlatforms host = HostPlatforms.of("amd64", binfmt);
        assertThat(host.refusal("base", platform("linux/arm64"))).isEmpty();
        assertThat(host.refusal("base", platform("linux/s390x"))).contains("image base cannot be built for linux/s390x"
                + " on this machine (linux/amd64): no binfmt_misc handler in " + binfmt + " runs s390x binaries, so its"
                + " RUN steps cannot run; install Debian's qemu-user-static and binfmt-support (bin/lib/install-deps"
                + " does, and enables the handlers), or leave linux/s390x out of base's platforms");
    }

    @Test
    void aBigEndianHandler_isReadForItsOwnArchitecture() throws Exception {
        handler("qemu-s390x", "enabled", "POCF", S390X_MAGIC);
        assertThat(HostPlatforms.of("amd64", binfmt).refusal("app", platform("linux/s390x"))).isEmpty();
    }

    @Test
    void aHandlerWithoutTheFixBinaryFlag_isRefusedSayingContainersCannotReachItsInterpreter() throws Exception {
        handler("qemu-aarch64", "enabled", "P", AARCH64_MAGIC);
        assertThat(HostPlatforms.of("amd64", binfmt).refusal("base", platform("linux/arm64")).orElseThrow())
                .contains("registered without the F (fix-binary) flag").contains("/usr/libexec/qemu-binfmt/qemu-aarch64");
    }

    @Test
    void aDisabledHandler_isRefusedSayingHowToEnableIt() throws Exception {
        handler("qemu-aarch64", "disabled", "PF", AARCH64_MAGIC);
        assertThat(HostPlatforms.of("amd64", binfmt).refusal("base", platform("linux/arm64")).orElseThrow())
                .endsWith("the binfmt_misc handler qemu-aarch64 for arm64 is disabled (update-binfmts --enable qemu-aarch64)");
    }

    @Test
    void binfmtMiscNotMounted_isRefusedSayingHowToMountIt() {
        Path absent = binfmt.resolve("absent");
        assertThat(HostPlatforms.of("amd64", absent).refusal("base", platform("linux/arm64")).orElseThrow())
                .contains("binfmt_misc is not mounted at " + absent).contains("mount -t binfmt_misc");
    }

    @Test
    void anotherOs_isRefused() {
        assertThat(HostPlatforms.of("amd64", binfmt).refusal("base", platform("windows/amd64")).orElseThrow())
                .contains("only linux images can be built here");
    }

    @Test
    void thisMachine_runsArm64WhereQemuUserStaticIsRegistered_elseSaysHowToGetIt() throws Exception {
        Path handler = HostPlatforms.BINFMT_MISC.resolve("qemu-aarch64");
        boolean registered = Files.exists(handler) && Files.readAllLines(handler).contains("enabled")
                && Files.readAllLines(handler).stream().anyMatch(line -> line.startsWith("flags:") && line.contains("F"));
        Optional<String> refusal = HostPlatforms.local().refusal("base", platform("linux/arm64"));
        if (HostPlatforms.local().isNative(platform("linux/arm64")) || registered) {
            assertThat(refusal).isEmpty();
        } else {
            assertThat(refusal.orElseThrow()).contains("qemu-user-static");
        }
    }

    @Test
    void elfMachines_mapToGoArchitectures() {
        assertThat(HostPlatforms.elfArchitecture(2, 1, 183)).contains("arm64");
        assertThat(HostPlatforms.elfArchitecture(2, 2, 22)).contains("s390x");
        assertThat(HostPlatforms.elfArchitecture(2, 1, 21)).contains("ppc64le");
        assertThat(HostPlatforms.elfArchitecture(1, 1, 40)).contains("arm");
        assertThat(HostPlatforms.elfArchitecture(2, 1, 43)).isEmpty();
        assertThat(HostPlatforms.goArch("x86_64")).isEqualTo("amd64");
        assertThat(HostPlatforms.goArch("aarch64")).isEqualTo("arm64");
    }
}
