package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LOCI from a git URL: a real git repository on this machine, cloned through a file:// URL. */
class LociCheckoutTest {

    private static String git(Path dir, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t",
                "-c", "init.defaultBranch=main"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        return out.strip();
    }

    /** A LOCI repository with the example's LOCI-compatible Dockerfile; returns its commit. */
    private static String lociRepository(Path repo) throws Exception {
        Files.createDirectories(repo);
        Files.copy(Path.of("..", "examples", "loci", "loci", "Dockerfile"), repo.resolve("Dockerfile"));
        git(repo, "init", "-q");
        git(repo, "add", "Dockerfile");
        git(repo, "commit", "-q", "-m", "loci");
        return git(repo, "rev-parse", "HEAD");
    }

    private static GraphFixture graph(Path dir, String url, String ref) throws Exception {
        GraphFixture fixture = GraphFixture.copyOfExample("loci", dir);
        Files.writeString(dir.resolve("imagegraph.yaml"), Files.readString(dir.resolve("imagegraph.yaml"))
                .replace("  context: loci            # LOCI's Dockerfile and scripts", "  context: " + url + "\n  ref: " + ref));
        return fixture;
    }

    @Test
    void gitUrlAtACommit_isCheckedOutOnce_withoutGit_andReusedWithoutTheNetwork(@TempDir Path dir, @TempDir Path repos)
            throws Exception {
        Path repo = repos.resolve("loci.git");
        String commit = lociRepository(repo);
        GraphFixture fixture = graph(dir, "file://" + repo, commit);
        GraphLoadResult first = fixture.load();
        assertThat(first.problems()).noneMatch(GraphProblem::isError);
        ImageSpec keystone = first.graph().orElseThrow().node("keystone").spec();
        assertThat(keystone.context()).isEqualTo(".imagegraph/loci/" + commit);
        assertThat(dir.resolve(".imagegraph/loci/" + commit + "/Dockerfile")).exists();
        assertThat(dir.resolve(".imagegraph/loci/" + commit + "/.git")).doesNotExist();
        assertThat(first.graph().orElseThrow().node("keystone").parents()).containsExactly("base", "requirements");
        try (Stream<Path> walk = Files.walk(repo)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        assertThat(fixture.load().graph()).as("the second load needs no repository").isPresent();
    }

    @Test
    void commitTheRepositoryDoesNotHave_isAnErrorWithGitsReason(@TempDir Path dir, @TempDir Path repos) throws Exception {
        Path repo = repos.resolve("loci.git");
        lociRepository(repo);
        GraphLoadResult result = graph(dir, "file://" + repo, "0".repeat(40)).load();
        assertThat(result.graph()).isEmpty();
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem.toString())
                .contains("cannot check out LOCI from file://" + repo + " at " + "0".repeat(40)));
        try (Stream<Path> left = Files.list(dir.resolve(".imagegraph/loci"))) {
            assertThat(left).as("no half-made checkout is left").isEmpty();
        }
    }

    @Test
    void gitUrlWithABranchInsteadOfACommit_isRefused(@TempDir Path dir) throws Exception {
        GraphLoadResult result = graph(dir, "https://opendev.org/openstack/loci.git", "master").load();
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem.toString())
                .contains("loci.ref must pin the commit to build with: its full 40-character SHA, not 'master'"));
    }
}
