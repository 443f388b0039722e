package io.imagegraph.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Debian's static busybox, copied into a build context so an image can be built FROM scratch. */
public final class Busybox {

    private static final Path BINARY = Path.of("/bin/busybox");

    private Busybox() {
    }

    public static void copyInto(Path file) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IOException(BINARY + " is missing; install Debian's busybox-static (bin/lib/install-deps)");
        }
        Files.createDirectories(file.getParent());
        Files.copy(BINARY, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
