package io.imagegraph.core.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds every {@code images/<name>/} folder under a root (the Foreman layout; a monorepo may have
 * several {@code images/} folders). Hidden folders, {@code node_modules} and {@code target} are not
 * searched, nor are image folders themselves.
 */
public final class ImageFolderDiscovery {

    static final String IMAGES_DIR = "images";
    private static final Set<String> NOT_SEARCHED = Set.of("node_modules", "target");

    /**
     * A folder found under an {@code images/} folder.
     *
     * @param name          the folder's name, which is the image's name
     * @param folder        path relative to the root, '/'-separated
     * @param hasDockerfile whether it holds a file named {@code Dockerfile}
     */
    public record ImageFolder(String name, String folder, boolean hasDockerfile) {
    }

    private ImageFolderDiscovery() {
    }

    public static List<ImageFolder> discover(Path root) throws IOException {
        List<ImageFolder> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && (name.startsWith(".") || NOT_SEARCHED.contains(name))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (name.equals(IMAGES_DIR)) {
                    collect(root, dir, found);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(ImageFolder::folder));
        return found;
    }

    private static void collect(Path root, Path imagesDir, List<ImageFolder> found) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(imagesDir, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                found.add(new ImageFolder(name, relative(root, child), Files.exists(child.resolve("Dockerfile"))));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
