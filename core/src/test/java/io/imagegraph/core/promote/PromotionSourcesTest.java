package io.imagegraph.core.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionSourcesTest {

    private static final String DIGEST = "sha256:" + "e".repeat(64);
    private static final String INPUT = "input-sha256-" + "f".repeat(64);

    private static ImageResult image(String name, ImageStatus status, Optional<String> digest, String... tags) {
        return new ImageResult(name, status, Optional.empty(), digest, List.of(tags), "sha256:" + "f".repeat(64),
                Duration.ZERO, Optional.empty(), "", 1);
    }

    private static BuildReport report(ImageResult... images) {
        return new BuildReport("run-3", Instant.EPOCH, Instant.EPOCH, List.of(images));
    }

    @Test
    void of_pushedImage_isPromotedFromItsFirstRunTag() {
        List<PromotionSource> sources = PromotionSources.of(report(image("base", ImageStatus.REUSED, Optional.of(DIGEST),
                "quay.io/acme/base:" + INPUT, "quay.io/acme/base:pr-42", "quay.io/acme/base:test")), Optional.empty());
        assertThat(sources).containsExactly(new PromotionSource("base",
                new ImageLocation("quay.io", RepositoryName.of("acme/base")), "pr-42", Digest.of(DIGEST)));
    }

    @Test
    void of_fromTag_picksThatTag() {
        List<PromotionSource> sources = PromotionSources.of(report(image("base", ImageStatus.BUILT, Optional.of(DIGEST),
                "quay.io/acme/base:pr-42", "quay.io/acme/base:test")), Optional.of("test"));
        assertThat(sources.get(0).tag()).isEqualTo("test");
    }

    @Test
    void of_imagesThatDidNotSucceed_areLeftOut() {
        List<PromotionSource> sources = PromotionSources.of(report(
                image("base", ImageStatus.BUILT, Optional.of(DIGEST), "quay.io/acme/base:test"),
                image("app", ImageStatus.NOT_SELECTED, Optional.empty())), Optional.empty());
        assertThat(sources).extracting(PromotionSource::image).containsExactly("base");
    }

    @Test
    void of_imageNotPushed_saysToBuildWithARegistry() {
        assertThatThrownBy(() -> PromotionSources.of(report(image("base", ImageStatus.BUILT, Optional.empty(),
                "acme/base:test")), Optional.empty()))
                .hasMessage("base was not pushed to a registry in run run-3 (build with --registry to promote it)");
    }

    @Test
    void of_missingFromTag_listsTheImagesTags() {
        assertThatThrownBy(() -> PromotionSources.of(report(image("base", ImageStatus.BUILT, Optional.of(DIGEST),
                "quay.io/acme/base:test")), Optional.of("pr-1")))
                .hasMessageContaining("base has no 'pr-1' tag").hasMessageContaining("quay.io/acme/base:test");
    }

    @Test
    void of_nothingBuilt_isRefused() {
        assertThatThrownBy(() -> PromotionSources.of(report(), Optional.empty()))
                .hasMessage("run run-3 built or reused no image to promote");
    }
}
