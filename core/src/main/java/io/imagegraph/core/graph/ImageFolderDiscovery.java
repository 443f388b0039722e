package io.imagegraph.core.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every {@code images/<name>/} folder under a root (the Foreman layout; a monorepo may have
 * several {@code images/} folders), with its build file: {@code Dockerfile} or, as Foreman's current
 * repositories have it, {@code Containerfile}. Hidden folders, {@code node_modules} and
 * {@code target} are not searched, nor are image folders themselves. An image folder that is a
 * symbolic link is followed only while it stays under the root.
 */
public final class ImageFolderDiscovery {

    static final String IMAGES_DIR = "images";
    /** The build file names looked for in an image folder, in BuildKit's order of preference. */
    static final List<String> BUILD_FILES = List.of("Dockerfile", "Containerfile");
    private static final Set<String> NOT_SEARCHED = Set.of("node_modules", "target");

    /**
     * A folder found under an {@code images/} folder.
     *
     * @param name         the folder's name, which is the image's name
     * @param folder       path relative to the root, '/'-separated
     * @param buildFiles   which of {@code Dockerfile} and {@code Containerfile} it holds
     * @param outsideRoot  where the folder really is, when it is a symbolic link that leaves the root
     */
    public record ImageFolder(String name, String folder, List<String> buildFiles, Optional<Path> outsideRoot) {

        public ImageFolder {
            buildFiles = List.copyOf(buildFiles);
        }

        public boolean hasDockerfile() {
            return !buildFiles.isEmpty();
        }

        /** The folder's build file relative to the root, when it has exactly one. */
        public Optional<String> buildFile() {
            return buildFiles.size() == 1 ? Optional.of(folder + "/" + buildFiles.get(0)) : Optional.empty();
        }
    }

    private ImageFolderDiscovery() {
    }

    public static List<ImageFolder> discover(Path root) throws IOException {
        List<ImageFolder> found = new ArrayList<>();
        Path realRoot = root.toRealPath();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && (name.startsWith(".") || NOT_SEARCHED.contains(name))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (name.equals(IMAGES_DIR)) {
                    collect(root, realRoot, dir, found);
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

    private static void collect(Path root, Path realRoot, Path imagesDir, List<ImageFolder> found) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(imagesDir, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                Optional<Path> outside = Optional.empty();
                if (Files.isSymbolicLink(child)) {
                    Path real = child.toRealPath();
                    if (!real.startsWith(realRoot)) {
                        outside = Optional.of(real);
                    }
                }
                List<String> buildFiles = outside.isPresent() ? List.of()
                        : BUILD_FILES.stream().filter(file -> Files.exists(child.resolve(file), LinkOption.NOFOLLOW_LINKS)).toList();
                found.add(new ImageFolder(name, relative(root, child), buildFiles, outside));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
