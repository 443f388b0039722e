package io.imagegraph.core.plan;

import io.imagegraph.core.graph.ImageSpec;
import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The files a build can see: the context directory less what its ignore file excludes. The ignore
 * file is {@code <Dockerfile>.dockerignore} beside the Dockerfile when there is one (as BuildKit
 * reads it), else {@code .dockerignore} at the context root.
 *
 * <p>Contexts are read for every image on every plan, so the walk keeps system calls down: one
 * listing per directory, one stat per entry, and ignore files found in the listing.
 */
public final class BuildContext {

    private static final String IGNORE_FILE = ".dockerignore";
    /** image-graph's state folder under the graph root (StateDirectory.forGraph), which a build never depends on. */
    private static final String STATE_FOLDER = ".imagegraph";
    private static final String GIT = ".git";

    /** A file the build can see, with what the walk learnt of it; special is a FIFO, device or socket. */
    private record Entry(String path, boolean symbolicLink, boolean executable, boolean special) {
    }

    private final Path directory;
    private final Optional<String> dockerfileInContext;
    private final IgnorePatterns ignore;
    private final List<Entry> rootEntries;
    private final List<Path> rootDirectories;
    private final Path state;

    private BuildContext(Path directory, Optional<String> dockerfileInContext, IgnorePatterns ignore,
                         List<Entry> rootEntries, List<Path> rootDirectories, Path state) {
        this.directory = directory;
        this.state = state;
        this.dockerfileInContext = dockerfileInContext;
        this.ignore = ignore;
        this.rootEntries = rootEntries;
        this.rootDirectories = rootDirectories;
    }

    public static BuildContext of(Path root, ImageSpec spec) throws IOException {
        Path directory = root.resolve(spec.context());
        List<Entry> rootEntries = new ArrayList<>();
        List<Path> rootDirectories = new ArrayList<>();
        Path state = root.resolve(STATE_FOLDER).normalize();
        list(directory, "", rootEntries, rootDirectories, state);
        Optional<String> dockerfileInContext = spec.dockerfile().map(root::resolve)
                .filter(file -> file.startsWith(directory)).map(file -> relative(directory, file));
        IgnorePatterns ignore = IgnorePatterns.none();
        Optional<String> specific = spec.dockerfile().map(file -> file + IGNORE_FILE);
        Optional<String> specificInRoot = specific.map(root::resolve).filter(f -> directory.equals(f.getParent()))
                .map(f -> f.getFileName().toString());
        String contextIgnoreFile = (spec.context().equals(".") ? "" : spec.context() + "/") + IGNORE_FILE;
        if (specificInRoot.isPresent()) {
            if (contains(rootEntries, specificInRoot.get())) {
                ignore = IgnorePatterns.parse(Files.readString(directory.resolve(specificInRoot.get())), specific.get());
            } else if (contains(rootEntries, IGNORE_FILE)) {
                ignore = IgnorePatterns.parse(Files.readString(directory.resolve(IGNORE_FILE)), contextIgnoreFile);
            }
        } else {
            Optional<String> text = specific.flatMap(file -> readIfExists(root.resolve(file)));
            String file = specific.orElse(contextIgnoreFile);
            if (text.isEmpty() && contains(rootEntries, IGNORE_FILE)) {
                text = readIfExists(directory.resolve(IGNORE_FILE));
                file = contextIgnoreFile;
            }
            ignore = text.isPresent() ? IgnorePatterns.parse(text.get(), file) : IgnorePatterns.none();
        }
        return new BuildContext(directory, dockerfileInContext, ignore, rootEntries, rootDirectories, state);
    }

    private static boolean contains(List<Entry> entries, String name) {
        return entries.stream().anyMatch(entry -> entry.path().equals(name));
    }

    private static Optional<String> readIfExists(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a path relative to the context directory is sent to the build. */
    public boolean includes(String relativePath) {
        return !ignore.matches(relativePath);
    }

    /** Every file and symbolic link the build can see, as sorted '/'-separated relative paths. */
    public List<String> files() throws IOException {
        return entries().stream().map(Entry::path).toList();
    }

    private List<Entry> entries() throws IOException {
        List<Entry> files = new ArrayList<>();
        for (Entry entry : rootEntries) {
            if (!ignore.matches(entry.path())) {
                files.add(entry);
            }
        }
        boolean canSkipDirectories = !ignore.hasExclusions();
        List<Path> pending = new ArrayList<>(rootDirectories);
        while (!pending.isEmpty()) {
            Path dir = pending.remove(pending.size() - 1);
            String prefix = relative(directory, dir);
            if (canSkipDirectories && ignore.matches(prefix)) {
                continue;
            }
            List<Entry> found = new ArrayList<>();
            list(dir, prefix + "/", found, pending, state);
            for (Entry entry : found) {
                if (!ignore.matches(entry.path())) {
                    files.add(entry);
                }
            }
        }
        files.sort(Comparator.comparing(Entry::path));
        return files;
    }

    /**
     * Lists one directory: files and links into {@code files}, subdirectories into {@code directories};
     * git's own files ({@code .git}) and image-graph's state folder are no part of any context.
     */
    private static void list(Path dir, String prefix, List<Entry> files, List<Path> directories, Path state)
            throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (name.equals(GIT) || name.equals(STATE_FOLDER) && child.normalize().equals(state)) {
                    continue;
                }
                BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    directories.add(child);
                } else {
                    String path = prefix + child.getFileName();
                    boolean plain = !attrs.isSymbolicLink() && !attrs.isOther();
                    files.add(new Entry(path, attrs.isSymbolicLink(), plain && isExecutable(child, attrs), attrs.isOther()));
                }
            }
        }
    }

    /** {@link #digest(Optional)} without a known Dockerfile digest. */
    public Digest digest() throws IOException {
        return digest(Optional.empty());
    }

    /**
     * A digest of what the build can see: for each file in path order, its path, whether it is
     * executable (or a link, with its target) and the digest of its content. A FIFO, device or
     * socket counts by its path alone; it is never opened. No time stamps and no
     * owners, so the same tree gives the same digest on any machine and under any checkout path.
     *
     * @param dockerfileDigest the Dockerfile's digest when it was already read, so it is not read again
     */
    public Digest digest(Optional<Digest> dockerfileDigest) throws IOException {
        MessageDigest hasher = Digest.newSha256();
        for (Entry entry : entries()) {
            Path file = directory.resolve(entry.path());
            String kind;
            String content;
            if (entry.symbolicLink()) {
                kind = "link";
                content = Files.readSymbolicLink(file).toString().replace('\\', '/');
            } else if (entry.special()) {
                // A FIFO or device has no content to hash, and opening one could block for ever.
                kind = "special";
                content = "";
            } else {
                kind = entry.executable() ? "executable" : "file";
                boolean isDockerfile = dockerfileInContext.filter(entry.path()::equals).isPresent();
                content = (isDockerfile && dockerfileDigest.isPresent() ? dockerfileDigest.get() : contentDigest(file))
                        .toString();
            }
            hasher.update((entry.path() + '\0' + kind + '\0' + content + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return Digest.fromSha256(hasher);
    }

    private static boolean isExecutable(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs instanceof PosixFileAttributes posix) {
            return posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        }
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(file);
        }
    }

    private static Digest contentDigest(Path file) throws IOException {
        MessageDigest hasher = Digest.newSha256();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                hasher.update(buffer, 0, n);
            }
        }
        return Digest.fromSha256(hasher);
    }

    private static String relative(Path base, Path path) {
        return base.relativize(path).toString().replace('\\', '/');
    }
}
