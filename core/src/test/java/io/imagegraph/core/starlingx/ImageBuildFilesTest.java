package io.imagegraph.core.starlingx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuildFilesTest {

    @Test
    void discover_readsEveryListedDirectorysFiles() throws Exception {
        Path root = Path.of("..", "examples", "starlingx").toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        List<ImageBuildFile> files = ImageBuildFiles.discover(root, "debian", "stable", problems);
        assertThat(problems).isEmpty();
        assertThat(files).extracting(f -> f.value("LABEL").orElseThrow())
                .containsExactly("stx-keystone", "stx-platformclients", "stx-tools");
    }

    @Test
    void discover_missingDirectoryDuplicateLabelAndUnknownBuilder_areProblems(@TempDir Path root) throws Exception {
        for (String dir : List.of("a", "b")) {
            Files.createDirectories(root.resolve(dir + "/debian"));
            Files.writeString(root.resolve(dir + "/debian/x.stable_docker_image"), "BUILDER=docker\nLABEL=same\n");
        }
        Files.createDirectories(root.resolve("empty/debian"));
        Files.createDirectories(root.resolve("c/debian"));
        Files.writeString(root.resolve("c/debian/c.stable_docker_image"), "BUILDER=kaniko\nLABEL=c\n");
        Files.writeString(root.resolve("debian_stable_docker_images.inc"), "a\nb\nmissing\nempty\nc\n");
        List<String> problems = new ArrayList<>();
        List<ImageBuildFile> files = ImageBuildFiles.discover(root, "debian", "stable", problems);
        assertThat(files).hasSize(1);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("LABEL same is also defined by"))
                .anySatisfy(p -> assertThat(p).contains("line 3: 'missing' is not a directory"))
                .anySatisfy(p -> assertThat(p).contains("line 4: empty has no debian/*.stable_docker_image file"))
                .anySatisfy(p -> assertThat(p).contains("BUILDER kaniko is not one of loci, docker, script"));
    }

    @Test
    void discover_noIncFile_saysWhatItLookedFor(@TempDir Path root) throws Exception {
        List<String> problems = new ArrayList<>();
        ImageBuildFiles.discover(root, "centos", "stable", problems);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("no centos_stable_docker_images.inc"));
    }
}
