package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ImageSpec;
import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The files a build can see: the context directory less what its ignore file excludes. The ignore
 * file is {@code <Dockerfile>.dockerignore} beside the Dockerfile when there is one (as BuildKit
 * reads it), else {@code .dockerignore} at the context root.
 */
public final class BuildContext {

    private final Path directory;
    private final IgnorePatterns ignore;

    private BuildContext(Path directory, IgnorePatterns ignore) {
        this.directory = directory;
        this.ignore = ignore;
    }

    public static BuildContext of(Path root, ImageSpec spec) throws IOException {
        Path directory = root.resolve(spec.context());
        Path ignoreFile = directory.resolve(".dockerignore");
        if (spec.dockerfile().isPresent()) {
            Path specific = root.resolve(spec.dockerfile().get() + ".dockerignore");
            if (Files.isRegularFile(specific)) {
                ignoreFile = specific;
            }
        }
        IgnorePatterns ignore = Files.isRegularFile(ignoreFile)
                ? IgnorePatterns.parse(Files.readString(ignoreFile)) : IgnorePatterns.none();
        return new BuildContext(directory, ignore);
    }

    /** Whether a path relative to the context directory is sent to the build. */
    public boolean includes(String relativePath) {
        return !ignore.matches(relativePath);
    }

    /** Every file and symbolic link the build can see, as sorted '/'-separated relative paths. */
    public List<String> files() throws IOException {
        List<String> files = new ArrayList<>();
        boolean canSkipDirectories = !ignore.hasExclusions();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(directory) && canSkipDirectories && ignore.matches(relative(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = relative(file);
                if (!ignore.matches(path)) {
                    files.add(path);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(files);
        return files;
    }

    /**
     * A digest of what the build can see: for each file in path order, its path, whether it is
     * executable (or a link, with its target) and the digest of its content. No time stamps and no
     * owners, so the same tree gives the same digest on any machine and under any checkout path.
     */
    public Digest digest() throws IOException {
        MessageDigest hasher = Digest.newSha256();
        for (String path : files()) {
            Path file = directory.resolve(path);
            String kind;
            String content;
            if (Files.isSymbolicLink(file)) {
                kind = "link";
                content = Files.readSymbolicLink(file).toString().replace('\\', '/');
            } else {
                kind = isExecutable(file) ? "executable" : "file";
                content = contentDigest(file).toString();
            }
            hasher.update((path + '\0' + kind + '\0' + content + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return Digest.fromSha256(hasher);
    }

    private static boolean isExecutable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(file);
        }
    }

    private static Digest contentDigest(Path file) throws IOException {
        MessageDigest hasher = Digest.newSha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                hasher.update(buffer, 0, n);
            }
        }
        return Digest.fromSha256(hasher);
    }

    private String relative(Path path) {
        return directory.relativize(path).toString().replace('\\', '/');
    }
}
