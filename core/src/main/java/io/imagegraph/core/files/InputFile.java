package io.imagegraph.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file a user gave us (a Dockerfile, a graph file) only when it is safe to: a regular file,
 * not a FIFO, a device such as {@code /dev/zero} or a directory; not larger than a limit; and, when
 * a root is given, not a symbolic link that leads out of it. All of this is checked before the file
 * is opened, so such input is refused at once instead of hanging or exhausting memory.
 */
public final class InputFile {

    /** Why a file is not read: a sentence that says what the file is and what to do. */
    public static final class RefusedException extends IOException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private InputFile() {
    }

    /**
     * The file's bytes.
     *
     * @param root  the folder the file must stay under once links are followed, or null for none
     * @param what  how messages name the kind of file ("the Dockerfile")
     * @throws NoSuchFileException when there is no such file
     * @throws RefusedException    when it is not a regular file, too large, or a link out of the root
     */
    public static byte[] read(Path root, Path file, long limit, String what) throws IOException {
        BasicFileAttributes link = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (link.isSymbolicLink() && root != null) {
            Path real;
            try {
                real = file.toRealPath();
            } catch (NoSuchFileException e) {
                throw new RefusedException(what + " is a symbolic link to " + Files.readSymbolicLink(file)
                        + ", which does not exist; fix or remove the link");
            }
            if (!real.startsWith(root.toRealPath())) {
                throw new RefusedException(what + " is a symbolic link to " + real + ", outside the graph root "
                        + root + "; it is not read, so copy the file into the graph instead");
            }
        }
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new RefusedException(what + " is " + kind(attrs) + ", not a regular file; it is not read, so"
                    + " point at a file with the text");
        }
        if (attrs.size() > limit) {
            throw new RefusedException(what + " is " + attrs.size() + " bytes, more than the limit of " + limit
                    + " bytes (" + (limit >> 20) + " MiB); it is not read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new RefusedException(what + " grew past the limit of " + limit + " bytes while it was read");
            }
            return bytes;
        }
    }

    private static String kind(BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "a directory";
        }
        return attrs.isOther() ? "a device, FIFO or socket" : "not a regular file";
    }
}
