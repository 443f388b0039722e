package io.imagegraph.core.kolla;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Kolla's images: every folder under the templates folder that holds a {@code Dockerfile.j2}, named by the folder. */
public final class KollaTemplates {

    public static final String TEMPLATE = "Dockerfile.j2";

    private KollaTemplates() {
    }

    /** The folders, sorted by path. */
    public static List<Path> find(Path docker) throws IOException {
        try (Stream<Path> walk = Files.walk(docker)) {
            return walk.filter(path -> path.getFileName().toString().equals(TEMPLATE) && Files.isRegularFile(path))
                    .map(Path::getParent).sorted().toList();
        }
    }
}
