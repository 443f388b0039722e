package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DockerfileReadingTest {

    @TempDir
    Path root;

    /** The Dockerfile's problems, read the way a plan reads it. */
    private List<String> problems() {
        return new GraphFixture(root).load().errors().stream().map(GraphProblem::toString).toList();
    }

    private String problem() {
        List<String> problems = problems();
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private Path write(String path, byte[] content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    @Test
    void read_latin1BytesInAComment_areAcceptedAsBuildKitDoes() throws Exception {
        write("images/a/Dockerfile", "# caf\u00e9 cr\u00e8me\nFROM scratch\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(problems()).isEmpty();
    }

    @Test
    void read_fileLargerThanTenMebibytes_isRefusedBeforeItIsRead() throws Exception {
        Path file = write("images/a/Dockerfile", "FROM scratch\n".getBytes(StandardCharsets.UTF_8));
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(DockerfileReading.SIZE_LIMIT + 1);
        }
        assertThat(problem()).isEqualTo("images/a/Dockerfile: the Dockerfile is 10485761 bytes,"
                + " more than the limit of 10485760 bytes (10 MiB); it is not read");
    }

    @Test
    void read_fifo_isRefusedWithoutOpeningIt() throws Exception {
        Files.createDirectories(root.resolve("images/a"));
        assertThat(new ProcessBuilder("mkfifo", root.resolve("images/a/Dockerfile").toString()).start().waitFor())
                .isZero();
        assertThat(problem()).isEqualTo("images/a/Dockerfile: the Dockerfile is a device, FIFO or"
                + " socket, not a regular file; it is not read, so point at a file with the text");
    }

    @Test
    void read_symlinkToDevZero_isRefusedAsLeavingTheRoot() throws Exception {
        Files.createDirectories(root.resolve("images/a"));
        Files.createSymbolicLink(root.resolve("images/a/Dockerfile"), Path.of("/dev/zero"));
        assertThat(problem())
                .startsWith("images/a/Dockerfile: the Dockerfile is a symbolic link to /dev/zero, outside the graph root");
    }

    @Test
    void read_symlinkInsideTheRoot_isRead() throws Exception {
        write("shared/Dockerfile", "FROM scratch\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(root.resolve("images/a"));
        Files.createSymbolicLink(root.resolve("images/a/Dockerfile"), Path.of("../../shared/Dockerfile"));
        assertThat(problems()).isEmpty();
    }

    @Test
    void read_directory_isRefused() throws Exception {
        Files.createDirectories(root.resolve("images/a/Dockerfile"));
        assertThat(problem()).contains("the Dockerfile is a directory, not a regular file");
    }

    @Test
    void read_targetThatIsNoStage_namesTheFileWithoutALine() throws Exception {
        write("images/a/Dockerfile", "FROM scratch AS one\n".getBytes(StandardCharsets.UTF_8));
        write("imagegraph.yaml", "images:\n  a:\n    target: two\n".getBytes(StandardCharsets.UTF_8));
        assertThat(problem()).isEqualTo("images/a/Dockerfile: the target stage 'two' is not in the Dockerfile; its stages are one");
    }
}
