package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.ImageFolderDiscovery.ImageFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDiscoveryTest {

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    private void file(String path) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "FROM scratch\n");
    }

    @Test
    void discover_containerfile_isTheFoldersBuildFile() throws Exception {
        file("images/foreman/Containerfile");
        file("images/proxy/Dockerfile");
        List<ImageFolder> folders = ImageFolderDiscovery.discover(root);
        assertThat(folders).extracting(ImageFolder::buildFile)
                .containsExactly(java.util.Optional.of("images/foreman/Containerfile"),
                        java.util.Optional.of("images/proxy/Dockerfile"));
    }

    @Test
    void discover_dockerfileAndContainerfile_areBothListed() throws Exception {
        file("images/a/Dockerfile");
        file("images/a/Containerfile");
        ImageFolder folder = ImageFolderDiscovery.discover(root).get(0);
        assertThat(folder.buildFiles()).containsExactly("Dockerfile", "Containerfile");
        assertThat(folder.buildFile()).isEmpty();
    }

    @Test
    void discover_folderLinkLeavingTheRoot_isMarkedAndNotLookedInto() throws Exception {
        Files.writeString(elsewhere.resolve("Dockerfile"), "FROM scratch\n");
        Files.createDirectories(root.resolve("images"));
        Files.createSymbolicLink(root.resolve("images/evil"), elsewhere);
        ImageFolder folder = ImageFolderDiscovery.discover(root).get(0);
        assertThat(folder.outsideRoot()).contains(elsewhere.toRealPath());
        assertThat(folder.buildFiles()).isEmpty();
    }

    @Test
    void discover_folderLinkInsideTheRoot_isAnImageFolder() throws Exception {
        file("shared/base/Dockerfile");
        Files.createDirectories(root.resolve("images"));
        Files.createSymbolicLink(root.resolve("images/base"), Path.of("../shared/base"));
        ImageFolder folder = ImageFolderDiscovery.discover(root).get(0);
        assertThat(folder.outsideRoot()).isEmpty();
        assertThat(folder.buildFile()).contains("images/base/Dockerfile");
    }
}
