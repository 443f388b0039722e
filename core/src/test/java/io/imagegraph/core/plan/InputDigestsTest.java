package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.upstream.UpstreamDigest;
import io.imagegraph.core.upstream.UpstreamPins;
import io.imagegraph.core.upstream.UpstreamSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDigestsTest {

    private static GraphFixture family(Path dir) {
        return new GraphFixture(dir)
                .image("base", "FROM scratch\nCOPY f /f\n").file("images/base/f", "base")
                .image("mid", "FROM base\n")
                .image("leaf", "FROM mid\n")
                .image("other", "FROM scratch\n");
    }

    private static Map<String, Digest> digests(GraphFixture fixture) throws Exception {
        return InputDigests.compute(fixture.graph());
    }

    @Test
    void sameTreeUnderAnotherPath_givesTheSameDigests(@TempDir Path one, @TempDir Path two) throws Exception {
        assertThat(digests(family(one))).isEqualTo(digests(family(two)));
    }

    @Test
    void baseChange_changesEveryDescendantAndNothingElse(@TempDir Path dir) throws Exception {
        GraphFixture fixture = family(dir);
        Map<String, Digest> before = digests(fixture);
        fixture.file("images/base/f", "changed");
        Map<String, Digest> after = digests(fixture);
        assertThat(after.get("base")).isNotEqualTo(before.get("base"));
        assertThat(after.get("mid")).isNotEqualTo(before.get("mid"));
        assertThat(after.get("leaf")).isNotEqualTo(before.get("leaf"));
        assertThat(after.get("other")).isEqualTo(before.get("other"));
    }

    @Test
    void leafChange_changesOnlyTheLeaf(@TempDir Path dir) throws Exception {
        GraphFixture fixture = family(dir);
        Map<String, Digest> before = digests(fixture);
        fixture.file("images/leaf/new.txt", "x");
        Map<String, Digest> after = digests(fixture);
        assertThat(after.get("leaf")).isNotEqualTo(before.get("leaf"));
        for (String unchanged : java.util.List.of("base", "mid", "other")) {
            assertThat(after.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
        }
    }

    @Test
    void buildArgsBuilderAndTarget_areInputs(@TempDir Path dir) throws Exception {
        GraphFixture fixture = family(dir).image("other", "FROM scratch AS t\nFROM scratch\n");
        Digest plain = digests(fixture).get("other");
        fixture.graphFile("images:\n  other:\n    buildArgs: {A: '1'}\n");
        Digest withArg = digests(fixture).get("other");
        fixture.graphFile("images:\n  other:\n    buildArgs: {A: '1'}\n    builder: buildah\n");
        Digest buildah = digests(fixture).get("other");
        fixture.graphFile("images:\n  other:\n    buildArgs: {A: '1'}\n    builder: buildah\n    target: t\n");
        Digest target = digests(fixture).get("other");
        assertThat(java.util.List.of(plain, withArg, buildah, target)).doesNotHaveDuplicates();
    }

    @Test
    void tagsAndProfiles_areNotInputs(@TempDir Path dir) throws Exception {
        GraphFixture fixture = family(dir);
        Digest plain = digests(fixture).get("other");
        fixture.graphFile("images:\n  other:\n    tags: [release]\n    profiles: [p]\n");
        assertThat(digests(fixture).get("other")).isEqualTo(plain);
    }

    @Test
    void externalBaseDigest_isAnInput(@TempDir Path dir) throws Exception {
        GraphFixture fixture = new GraphFixture(dir).image("a", "FROM debian:12@sha256:" + "1".repeat(64) + "\n");
        Digest one = digests(fixture).get("a");
        fixture.image("a", "FROM debian:12@sha256:" + "2".repeat(64) + "\n");
        assertThat(digests(fixture).get("a")).isNotEqualTo(one);
    }

    @Test
    void upstreamPinOfAnExternalBase_changesItsImagesAndTheirDescendantsOnly(@TempDir Path dir) throws Exception {
        GraphFixture fixture = new GraphFixture(dir)
                .image("base", "FROM debian:12\n")
                .image("app", "FROM base\n")
                .image("other", "FROM alpine:3.20\n");
        Map<String, Digest> asWritten = InputDigests.compute(fixture.graph(), UpstreamPins.none());
        assertThat(asWritten).isEqualTo(digests(fixture));
        UpstreamPins moved = UpstreamPins.of(Map.of("docker.io/library/debian:12", new UpstreamDigest(
                "docker.io/library/debian:12", "docker.io/library/debian", "12", "sha256:" + "d".repeat(64), null, null,
                "t", "poll")), UpstreamSettings.defaults());
        Map<String, Digest> pinned = InputDigests.compute(fixture.graph(), moved);
        assertThat(pinned.get("base")).isNotEqualTo(asWritten.get("base"));
        assertThat(pinned.get("app")).isNotEqualTo(asWritten.get("app"));
        assertThat(pinned.get("other")).isEqualTo(asWritten.get("other"));
    }
}
