package io.imagegraph.core.starlingx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuildFileReaderTest {

    private static Path fixture(String path) throws Exception {
        return Path.of("..", "examples", "starlingx", path).toAbsolutePath().normalize();
    }

    @Test
    void read_lociFile_quotesContinuationsAndVariables() throws Exception {
        List<String> problems = new ArrayList<>();
        ImageBuildFile file = ImageBuildFileReader.read(
                fixture("openstack/python-keystone/debian/stx-keystone.stable_docker_image"), problems);
        assertThat(problems).isEmpty();
        assertThat(file.value("PROJECT_REPO")).contains("https://opendev.org/openstack/keystone.git");
        assertThat(file.value("PIP_PACKAGES")).contains("pycryptodomex python-openstackclient keystonemiddleware");
        assertThat(file.value("PROFILES")).contains("fluent apache ldap");
        assertThat(file.value("CUSTOMIZATION")).contains("ln -s /etc/keystone/keystone.conf /etc/keystone.conf");
        assertThat(file.lines()).containsEntry("PIP_PACKAGES", 9).containsEntry("IMAGE_UPDATE_VER", 16);
    }

    @Test
    void read_bareValueWithAComment_dropsTheComment() throws Exception {
        List<String> problems = new ArrayList<>();
        ImageBuildFile file = ImageBuildFileReader.read(fixture("tools/stx-tools/debian/stx-tools.stable_docker_image"),
                problems);
        assertThat(file.value("ARGS")).contains("--os debian --stream stable");
    }

    @Test
    void read_everyProblem_withFileAndLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.stable_docker_image"), """
                BUILDER=loci
                LABEL=stx-bad
                PROJECT_REPOSITORY=https://example.com/x.git
                echo hello
                PROJECT_REF=$BRANCH
                PIP_PACKAGES="never closed
                """);
        List<String> problems = new ArrayList<>();
        ImageBuildFileReader.read(file, problems);
        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith(file + " line 3: unknown directive PROJECT_REPOSITORY")
                .contains("PROJECT_REPO");
        assertThat(problems.get(1)).isEqualTo(file + " line 4: 'echo hello' is not a KEY=VALUE directive");
        assertThat(problems.get(2)).isEqualTo(file + " line 5: PROJECT_REF uses $BRANCH, which the file does not set"
                + " before it");
        assertThat(problems.get(3)).isEqualTo(file + " line 6: the double quote of PIP_PACKAGES is never closed");
    }

    @Test
    void read_neverRunsTheFile(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        Path file = Files.writeString(dir.resolve("x.stable_docker_image"), "LABEL=\"$(touch " + marker + ")\"\n"
                + "BUILDER=`touch " + marker + "`\n");
        List<String> problems = new ArrayList<>();
        ImageBuildFile read = ImageBuildFileReader.read(file, problems);
        assertThat(marker).doesNotExist();
        assertThat(read.value("LABEL")).contains("$(touch " + marker + ")");
    }
}
