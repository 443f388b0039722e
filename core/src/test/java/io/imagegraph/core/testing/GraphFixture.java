package io.imagegraph.core.testing;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.graph.GraphLoader;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.LoadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** A graph root in a temporary directory, written file by file by a test. */
public final class GraphFixture {

    private final Path root;

    public GraphFixture(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Writes images/NAME/Dockerfile. */
    public GraphFixture image(String name, String dockerfile) {
        return file("images/" + name + "/Dockerfile", dockerfile);
    }

    public GraphFixture graphFile(String yaml) {
        return file("imagegraph.yaml", yaml);
    }

    public GraphFixture file(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GraphFixture executable(String path, String content) {
        file(path, content);
        try {
            Files.setPosixFilePermissions(root.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GraphLoadResult load() {
        return GraphLoader.load(root, LoadOptions.defaults());
    }

    public GraphLoadResult load(LoadOptions options) {
        return GraphLoader.load(root, options);
    }

    /** The loaded graph; fails the test with the problems when it does not load. */
    public ImageGraph graph() {
        GraphLoadResult result = load();
        return result.graph().orElseThrow(() -> new AssertionError("graph did not load: " + result.problems()));
    }

    /** Copies a bundled example (../examples/NAME) without the busybox binary that examples/prepare adds. */
    public static GraphFixture copyOfExample(String name, Path target) throws IOException {
        Path source = Path.of("..", "examples", name).toAbsolutePath().normalize();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.getFileName().toString().equals("busybox")) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new GraphFixture(target);
    }
}
