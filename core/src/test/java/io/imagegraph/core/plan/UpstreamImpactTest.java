package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.upstream.UpstreamCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamImpactTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    private static GraphFixture family(Path dir) {
        return new GraphFixture(dir)
                .image("base", "FROM debian:12\n")
                .image("app", "FROM base\n")
                .image("tool", "FROM alpine:3.20.1\n")
                .image("other", "FROM debian:11\n");
    }

    private static UpstreamCheck check(String watch, String repository, boolean policy, UpstreamCheck.Status status,
                                       String tag) {
        return new UpstreamCheck(watch, repository, policy, status, tag, D2, tag, D1, "");
    }

    @Test
    void movedTag_staleImagesAreItsChildrenAndTheirs_notOtherTags(@TempDir Path dir) {
        Map<String, List<String>> stale = UpstreamImpact.of(family(dir).graph(), List.of(
                check("docker.io/library/debian:12", "docker.io/library/debian", false, UpstreamCheck.Status.MOVED, "12"),
                check("docker.io/library/alpine:3.20.1", "docker.io/library/alpine", false,
                        UpstreamCheck.Status.UNCHANGED, "3.20.1")));
        assertThat(stale).containsOnlyKeys("base", "app");
        assertThat(stale.get("base")).containsExactly("debian:12 moved upstream (12@111111111111 → 12@222222222222)");
        assertThat(stale.get("app")).containsExactly("built on base, whose base moved upstream");
    }

    @Test
    void movedPolicy_makesEveryImageOnThatRepositoryStale(@TempDir Path dir) {
        Map<String, List<String>> stale = UpstreamImpact.of(family(dir).graph(), List.of(check(
                "docker.io/library/alpine semver=~3.20", "docker.io/library/alpine", true, UpstreamCheck.Status.MOVED,
                "3.20.4")));
        assertThat(stale).containsOnlyKeys("tool");
    }
}
