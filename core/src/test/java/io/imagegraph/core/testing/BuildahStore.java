package io.imagegraph.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A private buildah image store for tests: vfs storage under a temporary directory (so the
 * machine's own store is untouched) and chroot isolation, set through buildah's environment.
 */
public final class BuildahStore {

    private static BuildahStore instance;

    private final Map<String, String> environment;

    private BuildahStore(Map<String, String> environment) {
        this.environment = environment;
    }

    public static synchronized BuildahStore shared() throws IOException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("imagegraph-buildah-");
            Path conf = dir.resolve("storage.conf");
            Files.writeString(conf, "[storage]\ndriver = \"vfs\"\ngraphroot = \"" + dir.resolve("graph")
                    + "\"\nrunroot = \"" + dir.resolve("run") + "\"\n");
            instance = new BuildahStore(Map.of("CONTAINERS_STORAGE_CONF", conf.toString(), "BUILDAH_ISOLATION", "chroot"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
                } catch (IOException | InterruptedException e) {
                    System.err.println("could not remove the test buildah store " + dir + ": " + e.getMessage());
                }
            }, "remove-test-buildah-store"));
        }
        return instance;
    }

    public Map<String, String> environment() {
        return environment;
    }
}
