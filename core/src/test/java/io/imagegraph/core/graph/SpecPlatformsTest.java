package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecPlatformsTest {

    @TempDir
    Path dir;

    private GraphFixture graph(String images) {
        return new GraphFixture(dir).graphFile("images:\n" + images)
                .image("base", "FROM scratch\n").image("app", "FROM base\n");
    }

    private static LoadOptions run(List<String> platforms) {
        return LoadOptions.defaults().withPlatforms(platforms);
    }

    private static ImageSpec spec(GraphLoadResult loaded, String image) {
        return loaded.graph().orElseThrow().node(image).spec();
    }

    @Test
    void anImagesOwnPlatforms_winOverTheRunsAndTheRunsGoToTheOthers() {
        GraphLoadResult loaded = graph("  base:\n    platforms: [linux/amd64, linux/arm/v7]\n  app: {}\n")
                .load(run(List.of("linux/amd64", "linux/arm64")));
        assertThat(spec(loaded, "base").platforms()).containsExactly("linux/amd64", "linux/arm/v7");
        assertThat(spec(loaded, "app").platforms()).containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void withoutPlatforms_imagesAreBuiltForTheBuildersOwn() {
        GraphLoadResult loaded = graph("  app: {}\n").load(LoadOptions.defaults());
        assertThat(spec(loaded, "app").platforms()).isEmpty();
    }

    @Test
    void theRunsPlatforms_leaveOutThoseAnImageIsUnbuildableOn() {
        GraphLoadResult loaded = graph("  app:\n    unbuildable:\n      linux/arm64: no aarch64 wheels\n")
                .load(run(List.of("linux/amd64", "linux/arm64")));
        assertThat(spec(loaded, "app").platforms()).containsExactly("linux/amd64");
        assertThat(spec(loaded, "base").platforms()).containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void aPlatformThatIsNotOsSlashArch_isAGraphFileErrorNamingTheImage() {
        GraphLoadResult loaded = graph("  base:\n    platforms: [arm64]\n").load(LoadOptions.defaults());
        assertThat(loaded.graph()).isEmpty();
        assertThat(loaded.problems()).anyMatch(problem -> problem.isError() && problem.message().equals("image base:"
                + " 'arm64' is not a platform: expected OS/ARCH[/VARIANT], such as linux/amd64 or linux/arm/v7"));
    }

    @Test
    void platforms_arePartOfTheInputDigest() throws Exception {
        String plain = digest(graph("  app: {}\n").load(LoadOptions.defaults()));
        String both = digest(graph("  app: {}\n").load(run(List.of("linux/amd64", "linux/arm64"))));
        assertThat(both).isNotEqualTo(plain);
        assertThat(digest(graph("  app: {}\n").load(LoadOptions.defaults()))).isEqualTo(plain);
    }

    private static String digest(GraphLoadResult loaded) throws Exception {
        return io.imagegraph.core.plan.Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(),
                io.imagegraph.core.plan.Selection.all(), Optional.empty()).images().stream()
                .filter(image -> image.name().equals("app")).findFirst().orElseThrow().inputDigest().toString();
    }

}
