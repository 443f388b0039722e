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
        assertThat(problems.get(3)).isEqualTo(file + " line 6: the double quote of PIP_PACKAGES is never closed, so"
                + " the rest of the file would be part of its value");
    }

    @Test
    void read_singleQuotesOverSeveralLines_keepTheTextAsIs(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.stable_docker_image"), """
                LABEL=x
                POSTBUILD_COMMAND='
                URL="https://example.org/c.txt"
                # a comment inside the quotes is text
                pip install certifi -c ${URL}
                '
                BUILDER=docker
                """);
        List<String> problems = new ArrayList<>();
        ImageBuildFile read = ImageBuildFileReader.read(file, problems);
        assertThat(problems).isEmpty();
        assertThat(read.value("POSTBUILD_COMMAND")).contains("\nURL=\"https://example.org/c.txt\"\n# a comment inside"
                + " the quotes is text\npip install certifi -c ${URL}\n");
        assertThat(read.lines()).containsEntry("BUILDER", 7);
    }

    @Test
    void read_commandSubstitutionWithNestedQuotesAndHeredocs_isKeptAsTextWithNoFollowOnErrors(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("x.stable_docker_image"), """
                LABEL=x
                CUSTOMIZATION="echo '$(base64 -w0 <<'EOL'
                #!/bin/bash
                v() { [ "$(printf '%s\\n' "$1" | head -n 1)" = "$2" ]; }
                X=$(python3 - <<-'PY'
                print("not the end )")
                PY
                )
                echo "${UNSET_HERE} it's )"
                EOL
                )' | base64 -d > /usr/local/bin/k && chmod +x /usr/local/bin/k"
                BUILDER=loci
                """);
        List<String> problems = new ArrayList<>();
        ImageBuildFile read = ImageBuildFileReader.read(file, problems);
        assertThat(problems).isEmpty();
        assertThat(read.value("CUSTOMIZATION").orElseThrow()).startsWith("echo '$(base64 -w0 <<'EOL'\n#!/bin/bash\n")
                .contains("echo \"${UNSET_HERE} it's )\"\nEOL\n)' | base64 -d").endsWith("chmod +x /usr/local/bin/k");
        assertThat(read.value("BUILDER")).contains("loci");
        assertThat(read.lines()).containsEntry("BUILDER", 12);
    }

    @Test
    void read_backslashContinuationsAndEscapedQuotes_asTheShellReadsThem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.stable_docker_image"), """
                PIP_PACKAGES="\\
                  aodhclient \\
                  SQLAlchemy \\
                "
                CUSTOMIZATION="\\
                    sed -i \\\"s/a(b, 'c')/d/g\\\" f && \\
                    sed -i 's/\\(x\\)/\\1/' g
                "
                """);
        List<String> problems = new ArrayList<>();
        ImageBuildFile read = ImageBuildFileReader.read(file, problems);
        assertThat(problems).isEmpty();
        assertThat(read.value("PIP_PACKAGES")).contains("aodhclient SQLAlchemy");
        assertThat(read.value("CUSTOMIZATION")).contains("sed -i \"s/a(b, 'c')/d/g\" f &&     sed -i 's/\\(x\\)/\\1/' g");
    }

    @Test
    void read_directivesTheCurrentScriptReads_areAccepted(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.stable_docker_image"), """
                UPGRADE_PIP_PACKAGES=pip
                NON_UNIQUE_SYSTEM_ACCOUNT="yes"
                UPDATE_SYSTEM_ACCOUNT="yes"
                POSTBUILD_REMOVE_PYTHON_PACKAGES=""   # default is "pip"
                POSTBUILD_REMOVE_OS_PACKAGES="python3-pip"
                POSTBUILD_COMMAND='rm -rf /opt/loci'
                """);
        List<String> problems = new ArrayList<>();
        ImageBuildFile read = ImageBuildFileReader.read(file, problems);
        assertThat(problems).isEmpty();
        assertThat(read.assigned("POSTBUILD_REMOVE_PYTHON_PACKAGES")).contains("");
        assertThat(read.value("UPDATE_SYSTEM_ACCOUNT")).contains("yes");
    }

    @Test
    void read_directivesTheCurrentScriptDoesNotRead_areRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.stable_docker_image"), "KEEP_ALL_WHEELS=yes\nPROJECT_RELEASE=1\n");
        List<String> problems = new ArrayList<>();
        ImageBuildFileReader.read(file, problems);
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("unknown directive")
                .contains("build-stx-images.sh reads only").contains("UPGRADE_PIP_PACKAGES"));
    }

    @Test
    void read_unclosedCommandSubstitution_isOneProblemAtItsLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.stable_docker_image"),
                "LABEL=x\nCUSTOMIZATION=\"$(cat <<EOL\na\nb\nEOL\n\"\nBUILDER=loci\n");
        List<String> problems = new ArrayList<>();
        ImageBuildFileReader.read(file, problems);
        assertThat(problems).containsExactly(file + " line 2: the $( … ) of CUSTOMIZATION is never closed, so the rest"
                + " of the file would be part of its value");
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
