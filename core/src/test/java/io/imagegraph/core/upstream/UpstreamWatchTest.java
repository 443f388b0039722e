package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamWatchTest {

    @Test
    void fixedTag_followsThatTag() {
        UpstreamWatch watch = UpstreamWatch.of("debian:bookworm", null, null);
        assertThat(watch.isPolicy()).isFalse();
        assertThat(watch.key()).isEqualTo("docker.io/library/debian:bookworm");
        assertThat(watch.tag()).contains("bookworm");
    }

    @Test
    void semverRange_choosesTheHighestVersionInIt() {
        UpstreamWatch watch = UpstreamWatch.of("docker.io/library/alpine", null, ">=3.20.0 <3.21.0");
        assertThat(watch.choose(List.of("3.19.4", "3.20", "3.20.3", "3.20.10", "3.21.0", "edge", "latest")))
                .contains("3.20.10");
        assertThat(watch.key()).isEqualTo("docker.io/library/alpine semver=>=3.20.0 <3.21.0");
    }

    @Test
    void tagPattern_ofVersionLikeTags_choosesTheHighestVersion() {
        UpstreamWatch watch = UpstreamWatch.of("quay.io/acme/python", "3\\.12\\.\\d+", null);
        assertThat(watch.choose(List.of("3.12.2", "3.12.10", "3.13.0", "latest"))).contains("3.12.10");
    }

    @Test
    void tagPattern_ofOtherTags_choosesTheLastInOrder() {
        UpstreamWatch watch = UpstreamWatch.of("quay.io/centos/centos", "stream9-\\d{8}", null);
        assertThat(watch.choose(List.of("stream9-20261101", "stream9-20261120", "stream8-20261130")))
                .contains("stream9-20261120");
        assertThat(watch.choose(List.of("latest"))).isEmpty();
    }

    @Test
    void policyWithATag_isRefused() {
        assertThatThrownBy(() -> UpstreamWatch.of("alpine:3.20", null, "~3.20"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names a tag and a tag policy");
    }

    @Test
    void pinnedReference_isRefused() {
        assertThatThrownBy(() -> UpstreamWatch.of("alpine@sha256:" + "a".repeat(64), null, null))
                .hasMessageContaining("pinned by digest, so it cannot move");
    }

    @Test
    void badRange_andBadPattern_areRefused() {
        assertThatThrownBy(() -> UpstreamWatch.of("alpine", null, "three-ish"))
                .hasMessageContaining("'three-ish' is not a semantic version range");
        assertThatThrownBy(() -> UpstreamWatch.of("alpine", "3.(", null))
                .hasMessageContaining("'3.(' is not a regular expression");
    }

    @Test
    void ofKey_readsBackWhatKeyWrites() {
        for (UpstreamWatch watch : List.of(UpstreamWatch.of("debian:12", null, null),
                UpstreamWatch.of("quay.io/centos/centos", "stream9-\\d{8}", null),
                UpstreamWatch.of("alpine", "3\\..*", ">=3.20.0 <3.21.0"),
                UpstreamWatch.of("127.0.0.1:5000/acme/base", null, "^1.2"))) {
            UpstreamWatch back = UpstreamWatch.ofKey(watch.key());
            assertThat(back.key()).isEqualTo(watch.key());
            assertThat(back.isPolicy()).isEqualTo(watch.isPolicy());
            assertThat(back.choose(List.of("3.20.1", "3.21.0", "stream9-20261120")))
                    .isEqualTo(watch.choose(List.of("3.20.1", "3.21.0", "stream9-20261120")));
        }
    }

    @Test
    void ofKey_notAWatch_isRefused() {
        assertThatThrownBy(() -> UpstreamWatch.ofKey("alpine semver=soon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'soon' is not a semantic version range");
    }
}
