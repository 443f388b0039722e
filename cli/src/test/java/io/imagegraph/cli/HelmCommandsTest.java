package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** imagegraph helm-values and helm-lint, on the OpenStack-Helm fixtures of the core tests. */
class HelmCommandsTest {

    @TempDir
    Path dir;

    private Path fixture(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = HelmCommandsTest.class.getResourceAsStream("/helm/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private Path promotion(String... images) throws Exception {
        List<MoveResult> moves = new java.util.ArrayList<>();
        int n = 1;
        for (String image : images) {
            moves.add(new MoveResult(image, new ImageLocation("127.0.0.1:5000", RepositoryName.of("release/" + image)),
                    "2026.2", Optional.empty(), Digest.of("sha256:" + String.format("%064x", n++)), MoveStatus.MOVED,
                    "moved"));
        }
        Path file = dir.resolve(PromotionReportJson.FILE_NAME);
        try (Writer out = Files.newBufferedWriter(file)) {
            PromotionReportJson.write(new PromotionReport(false, true, List.of(), null, moves), out);
        }
        return file;
    }

    @Test
    void helmValues_writesTheGoldenValues_andThoseValuesPassTheLint() throws Exception {
        Path values = dir.resolve("values.yaml");
        CliRun run = CliRun.of("helm-values", "--map", fixture("keystone-map.yaml").toString(), "--promotion",
                promotion("keystone", "heat").toString(), "--out", values.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(values)).isEqualTo(Files.readString(fixture("keystone-values.golden.yaml")));
        CliRun lint = CliRun.of("helm-lint", values.toString());
        assertThat(lint.exitCode()).isZero();
        assertThat(lint.out()).contains("Every image reference is pinned by digest and fully qualified.");
    }

    @Test
    void helmValues_imageNotPromoted_isBadInputNamingTheComponent() throws Exception {
        CliRun run = CliRun.of("helm-values", "--map", fixture("keystone-map.yaml").toString(), "--promotion",
                promotion("keystone").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bootstrap (heat)");
    }

    @Test
    void helmLint_unpinnedReferences_exitOneWithFileLineAndKey() throws Exception {
        Path values = fixture("keystone-values.yaml");
        CliRun run = CliRun.of("helm-lint", values.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(values + " line 9: images.tags.keystone_db_sync: quay.io/acme/keystone:latest uses latest")
                .contains("5 findings about image references.");
        CliRun json = CliRun.of("helm-lint", values.toString(), "-o", "json");
        assertThat(json.out()).contains("\"key\" : \"images.tags.dep_check\"");
    }

    @Test
    void helmLint_unreadableFiles_areEachNamedWithTheirLine_andTheRestIsLinted() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "images:\n  tags: [unclosed\n");
        Path template = Files.writeString(dir.resolve("template.yaml"), "endpoints:\n  identity:\n"
                + "    host: %%%REPLACE_API_ADDR%%%\n");
        Path values = fixture("keystone-values.yaml");
        CliRun run = CliRun.of("helm-lint", broken.toString(), template.toString(), values.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains(values + " line 9: images.tags.keystone_db_sync");
        assertThat(run.err()).contains(broken + " line 3 is not YAML")
                .contains(template + " line 3 holds the placeholder %%%REPLACE_API_ADDR%%%");
    }
}
