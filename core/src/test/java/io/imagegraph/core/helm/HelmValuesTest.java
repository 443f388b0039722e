package io.imagegraph.core.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HelmValuesTest {

    static Path resource(String name) throws Exception {
        return Path.of(HelmValuesTest.class.getResource("/helm/" + name).toURI());
    }

    private static MoveResult moved(String image, int digest, MoveStatus status) {
        return new MoveResult(image, new ImageLocation("127.0.0.1:5000", RepositoryName.of("release/" + image)), "2026.2",
                Optional.empty(), Digest.of("sha256:" + String.format("%064x", digest)), status, "");
    }

    @Test
    void of_pinsEveryComponentToItsImagesPromotedDigest_asTheGoldenFile() throws Exception {
        PromotionReport promotion = new PromotionReport(false, true, List.of(), null, List.of(
                moved("keystone", 1, MoveStatus.MOVED), moved("heat", 2, MoveStatus.UNCHANGED)));
        StringWriter out = new StringWriter();
        HelmValues.write(HelmValues.of(HelmImageMap.read(resource("keystone-map.yaml")), promotion), out);
        assertThat(out.toString()).isEqualTo(Files.readString(resource("keystone-values.golden.yaml")));
    }

    @Test
    void of_componentWhoseImageWasNotPromoted_isRefusedNamingIt() throws Exception {
        PromotionReport promotion = new PromotionReport(false, true, List.of(), null, List.of(
                moved("keystone", 1, MoveStatus.MOVED)));
        assertThatThrownBy(() -> HelmValues.of(HelmImageMap.read(resource("keystone-map.yaml")), promotion))
                .hasMessageContaining("did not promote the image of bootstrap (heat)");
    }

    @Test
    void of_failedPromotion_pinsNothing() throws Exception {
        PromotionReport failed = new PromotionReport(false, false, List.of(), "boom", List.of(
                moved("keystone", 1, MoveStatus.ROLLED_BACK)));
        assertThatThrownBy(() -> HelmValues.of(HelmImageMap.read(resource("keystone-map.yaml")), failed))
                .hasMessageContaining("did not succeed");
    }
}
