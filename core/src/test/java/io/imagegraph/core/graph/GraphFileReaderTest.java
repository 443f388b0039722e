package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.graph.GraphFileReader.LocatedGraphFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphFileReaderTest {

    @Test
    void parse_fullFile_bindsEveryField() throws Exception {
        LocatedGraphFile located = GraphFileReader.parse("""
                registry: quay.io
                namespace: acme
                tags: [test]
                profiles:
                  core: [base, /^nova-/]
                images:
                  keystone:
                    context: services/keystone
                    dockerfile: services/keystone/Dockerfile
                    buildArgs: {PROJECT: keystone, PORT: 5000}
                    builder: buildah
                    target: runtime
                    tags: [pr-1]
                    smokeTests:
                      - name: version
                        command: [keystone-manage, --version]
                    profiles: [core]
                    watch: ["common/**"]
                    dependsOn: [base]
                    unbuildable: {linux/arm64: no wheels}
                """, "imagegraph.yaml");
        GraphFile file = located.file();
        assertThat(file.registry()).isEqualTo("quay.io");
        assertThat(file.profiles().get("core")).containsExactly("base", "/^nova-/");
        ImageEntry keystone = file.images().get("keystone");
        assertThat(keystone.buildArgs()).containsEntry("PORT", "5000");
        assertThat(keystone.builder()).isEqualTo(BuilderKind.BUILDAH);
        assertThat(keystone.smokeTests().get(0).timeoutSeconds()).isEqualTo(SmokeTest.DEFAULT_TIMEOUT_SECONDS);
        assertThat(keystone.unbuildable()).containsEntry("linux/arm64", "no wheels");
        assertThat(located.at("images.keystone.tags")).isEqualTo("imagegraph.yaml line 13");
    }

    @Test
    void parse_unknownKey_namesLineKeyAndAllowedKeys() {
        assertThatThrownBy(() -> GraphFileReader.parse("images:\n  keystone:\n    buildargs: {A: b}\n", "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class)
                .hasMessageStartingWith("imagegraph.yaml line 3: unknown key 'buildargs' in 'images.keystone'")
                .hasMessageContaining("expected one of: buildArgs, builder,");
    }

    @Test
    void parse_unknownTopLevelKey_saysTopLevel() {
        assertThatThrownBy(() -> GraphFileReader.parse("registy: quay.io\n", "imagegraph.yaml"))
                .hasMessageContaining("line 1: unknown key 'registy' at the top level");
    }

    @Test
    void parse_wrongType_saysWhatWasExpected() {
        assertThatThrownBy(() -> GraphFileReader.parse("tags: latest\n", "imagegraph.yaml"))
                .hasMessage("imagegraph.yaml line 1: 'tags' must be a list");
    }

    @Test
    void parse_unknownBuilder_listsTheBuilders() {
        assertThatThrownBy(() -> GraphFileReader.parse("images:\n  a:\n    builder: podman\n", "imagegraph.yaml"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("'podman' is not a builder; expected one of docker, buildah, loci, script");
    }

    @Test
    void parse_upstream_bindsIntervalBudgetAndWatches() throws Exception {
        GraphFile file = GraphFileReader.parse("upstream:\n  interval: 30m\n  requestBudget: 20\n  watches:\n"
                + "    - image: quay.io/centos/centos\n      tags: 'stream9-\\d+'\n", "imagegraph.yaml").file();
        assertThat(file.upstream().settings().interval()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(file.upstream().settings().requestBudget()).isEqualTo(20);
        assertThat(file.upstream().settings().watches()).singleElement()
                .satisfies(watch -> assertThat(watch.key()).isEqualTo("quay.io/centos/centos tags=stream9-\\d+"));
    }

    @Test
    void parse_upstreamWatchWithABadRange_saysWhichWatchAndWhy() {
        assertThatThrownBy(() -> GraphFileReader.parse("upstream:\n  watches:\n    - image: alpine\n"
                + "      semver: newest\n", "imagegraph.yaml"))
                .hasMessageContaining("upstream.watches[0]")
                .hasMessageContaining("'newest' is not a semantic version range");
    }

    @Test
    void parse_upstreamBadInterval_saysHowToWriteIt() {
        assertThatThrownBy(() -> GraphFileReader.parse("upstream:\n  interval: hourly\n", "imagegraph.yaml"))
                .hasMessageStartingWith("imagegraph.yaml line 1: 'upstream': interval 'hourly' is not a duration");
    }

    @Test
    void parse_duplicateKey_isAnError() {
        assertThatThrownBy(() -> GraphFileReader.parse("images:\n  a: {}\n  a: {}\n", "imagegraph.yaml"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("'a' is given twice");
    }

    @Test
    void parse_invalidYaml_givesTheLine() {
        assertThatThrownBy(() -> GraphFileReader.parse("images:\n  a: [unclosed\n", "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class)
                .hasMessageContaining("not valid YAML")
                .satisfies(e -> assertThat(((GraphFileException) e).line()).isPositive());
    }

    @Test
    void parse_rootIsAList_isRejected() {
        assertThatThrownBy(() -> GraphFileReader.parse("- a\n- b\n", "imagegraph.yaml"))
                .hasMessageContaining("the file must be a mapping of keys to values");
    }

    @Test
    void parse_timeoutThatIsNoNumber_saysAWholeNumberGoesThere() {
        assertThatThrownBy(() -> GraphFileReader.parse(
                "images:\n  a:\n    smokeTests:\n      - command: [x]\n        timeoutSeconds: soon\n", "imagegraph.yaml"))
                .hasMessage("imagegraph.yaml line 3: 'images.a.smokeTests[0].timeoutSeconds' must be a whole number");
    }

    @Test
    void parse_negativeTimeout_isRejectedWithItsPath() {
        assertThatThrownBy(() -> GraphFileReader.parse(
                "images:\n  a:\n    smokeTests:\n      - command: [x]\n        timeoutSeconds: -1\n", "imagegraph.yaml"))
                .hasMessageContaining("timeoutSeconds must be a positive number");
    }

    @Test
    void parse_keyWithoutValue_isAnEmptyString() throws Exception {
        ImageEntry entry = GraphFileReader.parse("images:\n  a:\n    buildArgs: {A: }\n    unbuildable: {linux/arm64: }\n",
                "imagegraph.yaml").file().images().get("a");
        assertThat(entry.buildArgs()).containsEntry("A", "");
        assertThat(entry.unbuildable()).containsEntry("linux/arm64", "");
    }

    @Test
    void parse_emptyListEntry_isRefusedNamingTheField() {
        assertThatThrownBy(() -> GraphFileReader.parse("images:\n  a:\n    smokeTests: [~]\n", "imagegraph.yaml"))
                .hasMessage("imagegraph.yaml line 2: 'images.a': 'smokeTests' has an empty entry; remove it or give it a value");
    }

    @Test
    void parse_profileWithoutMembers_isEmpty() throws Exception {
        assertThat(GraphFileReader.parse("profiles:\n  core: ~\n", "imagegraph.yaml").file().profiles())
                .containsEntry("core", java.util.List.of());
    }

    @Test
    void parse_emptyFile_isAnEmptyGraphFile() throws Exception {
        assertThat(GraphFileReader.parse("  \n", "imagegraph.yaml").file()).isEqualTo(GraphFile.empty());
    }

    @Test
    void read_missingFile_saysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> GraphFileReader.read(dir.resolve("nope.yaml"), "nope.yaml"))
                .hasMessage("nope.yaml: the file does not exist");
    }

    @Test
    void read_notUtf8_saysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imagegraph.yaml");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        assertThatThrownBy(() -> GraphFileReader.read(file, "imagegraph.yaml")).hasMessageContaining("not UTF-8");
    }

    @Test
    void parse_severalMistakes_areAllReportedInOneRun() {
        assertThatThrownBy(() -> GraphFileReader.parse(String.join("\n",
                "registy: quay.io",
                "tags: latest",
                "images:",
                "  a:",
                "    builder: podman",
                "  b:",
                "    buildargs: {A: b}",
                "  c: {}",
                "  c: {}",
                ""), "imagegraph.yaml"))
                .isInstanceOf(GraphFileException.class)
                .satisfies(e -> assertThat(((GraphFileException) e).problems())
                        .extracting(GraphFileException.Problem::line).containsExactlyInAnyOrder(9, 1, 2, 5, 7));
    }

    @Test
    void read_fileLargerThanFiveMebibytes_isRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imagegraph.yaml");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(GraphFileReader.SIZE_LIMIT + 1);
        }
        assertThatThrownBy(() -> GraphFileReader.read(file, "imagegraph.yaml"))
                .hasMessage("imagegraph.yaml: the graph file is 5242881 bytes, more than the limit of 5242880 bytes (5 MiB);"
                        + " it is not read");
    }

    @Test
    void read_fileOfFourMebibytes_isRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("imagegraph.yaml");
        Files.writeString(file, ("# " + "x".repeat(62) + "\n").repeat(64 * 1024) + "registry: quay.io\n");
        assertThat(GraphFileReader.read(file, "imagegraph.yaml").file().registry()).isEqualTo("quay.io");
    }

    @Test
    void read_devZero_isRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> GraphFileReader.read(Path.of("/dev/zero"), "/dev/zero"))
                .hasMessage("/dev/zero: the graph file is a device, FIFO or socket, not a regular file; it is not read,"
                        + " so point at a file with the text");
    }

    @Test
    void read_fifo_isRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("imagegraph.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> GraphFileReader.read(fifo, "imagegraph.yaml"))
                .hasMessageContaining("not a regular file");
    }

    @Test
    void parse_numbersAndBooleans_keepTheirTextWhereAStringIsExpected() throws Exception {
        GraphFile file = GraphFileReader.parse("tags: [1.10, 007, true]\nimages:\n  a:\n    buildArgs: {V: 2.0}\n",
                "imagegraph.yaml").file();
        assertThat(file.tags()).containsExactly("1.10", "007", "true");
        assertThat(file.images().get("a").buildArgs()).containsEntry("V", "2.0");
    }
}
