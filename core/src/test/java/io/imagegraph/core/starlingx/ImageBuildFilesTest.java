package io.imagegraph.core.starlingx;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.StarlingxTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuildFilesTest {

    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private List<String> labels(Path root, Optional<String> codename) throws Exception {
        return ImageBuildFiles.discover(root, "debian", "stable", codename, problems, warnings).stream()
                .map(f -> f.value("LABEL").orElseThrow()).toList();
    }

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void discover_readsEveryListedDirectorysFiles() throws Exception {
        Path root = Path.of("..", "examples", "starlingx").toAbsolutePath().normalize();
        assertThat(labels(root, Optional.empty())).containsExactly("stx-keystone", "stx-platformclients", "stx-tools");
        assertThat(problems).isEmpty();
    }

    @Test
    void discover_missingDirectoryDuplicateLabelAndUnknownBuilder_areProblems(@TempDir Path root) throws Exception {
        for (String dir : List.of("a", "b")) {
            write(root.resolve(dir + "/debian/x.stable_docker_image"), "BUILDER=docker\nLABEL=same\n");
        }
        Files.createDirectories(root.resolve("empty/debian"));
        write(root.resolve("c/debian/c.stable_docker_image"), "BUILDER=kaniko\nLABEL=c\n");
        Files.writeString(root.resolve("debian_stable_docker_images.inc"), "a\nb\nmissing\nempty\nc\n");
        assertThat(labels(root, Optional.empty())).hasSize(1);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("LABEL same is also defined by"))
                .anySatisfy(p -> assertThat(p).contains("line 3: 'missing' is not a directory"))
                .anySatisfy(p -> assertThat(p).contains("line 4: empty has no *.stable_docker_image file in debian/"))
                .anySatisfy(p -> assertThat(p).contains("BUILDER kaniko is not one of loci, docker, script"));
    }

    @Test
    void discover_noIncFile_saysWhatItLookedFor(@TempDir Path root) throws Exception {
        labels(root, Optional.empty());
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("no debian_stable_docker_images.inc"));
    }

    @Test
    void discover_codenameFolderFirst_thenAll_thenTheFlatFolder(@TempDir Path root) throws Exception {
        write(root.resolve("both/debian/trixie/t.stable_docker_image"), "BUILDER=docker\nLABEL=from-trixie\n");
        write(root.resolve("both/debian/all/a.stable_docker_image"), "BUILDER=docker\nLABEL=not-read\n");
        write(root.resolve("both/debian/f.stable_docker_image"), "BUILDER=docker\nLABEL=not-read-either\n");
        write(root.resolve("common/debian/all/a.stable_docker_image"), "BUILDER=docker\nLABEL=from-all\n");
        write(root.resolve("common/debian/f.stable_docker_image"), "BUILDER=docker\nLABEL=not-read-flat\n");
        write(root.resolve("old/debian/f.stable_docker_image"), "BUILDER=docker\nLABEL=from-flat\n");
        Files.writeString(root.resolve("debian_stable_docker_images.inc"), "both\ncommon\nold\n");
        assertThat(labels(root, Optional.of("trixie"))).containsExactly("from-trixie", "from-all");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("line 3: old has no debian/trixie or"
                + " debian/all folder, so it has no image for trixie"));
        assertThat(labels(root, Optional.of("bullseye"))).contains("from-all", "from-flat");
        assertThat(problems).isEmpty();
    }

    @Test
    void discover_theOnlyCodenameFolder_isTheDefault(@TempDir Path root) throws Exception {
        write(root.resolve("a/debian/trixie/a.stable_docker_image"), "BUILDER=docker\nLABEL=a\n");
        write(root.resolve("b/debian/all/b.stable_docker_image"), "BUILDER=docker\nLABEL=b\n");
        Files.writeString(root.resolve("debian_stable_docker_images.inc"), "a\nb\n");
        assertThat(labels(root, Optional.empty())).containsExactly("a", "b");
        assertThat(problems).isEmpty();
    }

    @Test
    void discover_severalCodenamesAndNoneChosen_isAnErrorNamingThem() throws Exception {
        Path root = StarlingxTrees.write(Files.createTempDirectory("stx")).root();
        assertThat(labels(root, Optional.empty())).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("the codenames bullseye, trixie")
                .contains("starlingx.codename").contains("--os-codename"));
    }

    @Test
    void discover_codenameFolderWithoutThisStreamsFile_namesTheFoldersTried(@TempDir Path root) throws Exception {
        write(root.resolve("a/debian/trixie/a.dev_docker_image"), "BUILDER=docker\nLABEL=a\n");
        write(root.resolve("a/debian/all/a.stable_docker_image"), "BUILDER=docker\nLABEL=a\n");
        Files.writeString(root.resolve("debian_stable_docker_images.inc"), "a\n");
        labels(root, Optional.of("trixie"));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("line 1: a has no"
                + " *.stable_docker_image file in debian/trixie/ (build-stx-images.sh reads the first folder that exists"
                + " of debian/trixie, debian/all, debian)"));
    }

    @Test
    void discover_codenameIncFile_isReadForItsCodenameOnly(@TempDir Path root) throws Exception {
        write(root.resolve("a/debian/all/a.stable_docker_image"), "BUILDER=docker\nLABEL=a\n");
        write(root.resolve("t/debian/all/t.stable_docker_image"), "BUILDER=docker\nLABEL=t\n");
        Files.writeString(root.resolve("debian_stable_docker_images.inc"), "a\na\n");
        Files.writeString(root.resolve("debian_trixie_stable_docker_images.inc"), "t\n");
        assertThat(labels(root, Optional.of("bullseye"))).containsExactly("a");
        assertThat(labels(root, Optional.of("trixie"))).containsExactly("a", "t");
        assertThat(problems).isEmpty();
    }
}
