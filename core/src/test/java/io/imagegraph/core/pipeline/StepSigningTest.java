package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildLogLines;
import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.provenance.SigningKey;
import io.imagegraph.core.provenance.VerificationKey;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.testing.TestKeys;
import io.imagegraph.core.track.ConfiguredHolds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps' signing ({@code signingKeyCredentialsId}) and {@code promoteImages requireProvenance}
 * against the real CNCF registry, which has no referrers API (the attestations go by the tag schema).
 */
class StepSigningTest {

    @RegisterExtension
    static final RobotRegistry REGISTRY = new RobotRegistry();

    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    private StepEnvironment environment() throws Exception {
        return StepFixture.environment(dir.resolve("tmp"), Map.of(), REGISTRY.login());
    }

    /** Builds the two-image graph and smoke-tests it, signing both with {@code key} when there is one. */
    private StepRecord buildAndTest(Path root, Optional<StepSigning> signing) throws Exception {
        StepFixture.graph(root, REGISTRY.host());
        BuildWork.Request everything = StepFixture.buildEverything(root, List.of("test"));
        try (StepEnvironment environment = environment()) {
            StepRecord built = new BuildWork(environment, ConfiguredHolds.none(), new BuildLogLines(log::add, true),
                    log::add, Clock.systemUTC()).run(new BuildWork.Request(root, everything.load(),
                    everything.selection(), Optional.empty(), true, Optional.empty(), List.of("test"), List.of(), 2,
                    false, false, 0, "docker", "buildah", List.of(), List.of(), signing));
            StepRecord tested = new SmokeTestWork(environment, ConfiguredHolds.none(), log::add, Clock.systemUTC())
                    .run(new SmokeTestWork.Request(root, LoadOptions.defaults(), Path.of(built.buildReport()),
                            List.of(), 60, "docker", true, signing));
            assertThat(tested.succeeded()).as(String.join("\n", log)).isTrue();
            return built;
        }
    }

    private StepRecord promote(Path root, StepRecord built, VerificationKey key, boolean requireGate)
            throws Exception {
        try (StepEnvironment environment = environment()) {
            return new PromotionWork(environment, ConfiguredHolds.none(), Clock.systemUTC()).run(
                    new PromotionWork.Request(root, LoadOptions.defaults(), Path.of(built.buildReport()), true,
                            Optional.empty(), List.of("latest"), Optional.empty(), Optional.empty(), 2, false,
                            Optional.of(key), requireGate));
        }
    }

    @SuppressWarnings("unchecked")
    private static RepositoryName repository(StepRecord built, String image) {
        String tag = ((List<String>) ((Map<String, Object>) built.value().get(image)).get("tags")).get(0);
        return RepositoryName.of(tag.substring(REGISTRY.host().length() + 1, tag.lastIndexOf(':')));
    }

    @Test
    void signedBuildAndTests_pushBothAttestations_andRequireProvenancePromotes() throws Exception {
        TestKeys.Pair pair = TestKeys.ecdsa(dir, "ci");
        StepSigning signing = new StepSigning(SigningKey.parse(Files.readAllBytes(pair.privateKey()),
                "the credentials 'signing'"), "https://jenkins.example/job/images/7/", "test");
        Path root = dir.resolve("signed");

        StepRecord built = buildAndTest(root, Optional.of(signing));

        assertThat(log).anyMatch(line -> line.startsWith("imagegraph: app: provenance attestation sha256:"))
                .anyMatch(line -> line.startsWith("imagegraph: app: gate attestation sha256:"))
                .noneMatch(line -> line.contains("PRIVATE KEY"));
        StepRecord promoted = promote(root, built, VerificationKey.read(pair.publicKey()), true);
        assertThat(promoted.succeeded()).as(promoted.failure().orElse("")).isTrue();
        assertThat(REGISTRY.client().head(repository(built, "app"), "latest")).isPresent();
    }

    @Test
    void requireProvenance_refusesUnattestedImages_andMovesNoTag() throws Exception {
        TestKeys.Pair pair = TestKeys.ed25519(dir, "ci");
        Path root = dir.resolve("unsigned");
        StepRecord built = buildAndTest(root, Optional.empty());

        StepRecord promoted = promote(root, built, VerificationKey.read(pair.publicKey()), false);

        assertThat(promoted.succeeded()).isFalse();
        assertThat(promoted.failure().orElseThrow()).startsWith("not promoted: requireProvenance refuses images"
                + " without a verified attestation; no tag was moved: ")
                .containsPattern("/app@sha256:[0-9a-f]{64} does not verify: no signed provenance attestation")
                .containsPattern("/base@sha256:[0-9a-f]{64} does not verify: no signed provenance attestation");
        assertThat(REGISTRY.client().head(repository(built, "app"), "latest")).isEmpty();
    }

    @Test
    void requireProvenance_withAnotherKey_refuses() throws Exception {
        TestKeys.Pair signer = TestKeys.ecdsa(dir, "ci");
        TestKeys.Pair other = TestKeys.ecdsa(dir, "other");
        Path root = dir.resolve("other");
        StepRecord built = buildAndTest(root, Optional.of(new StepSigning(SigningKey.read(signer.privateKey()),
                "https://jenkins.example/job/images/8/", "test")));

        StepRecord promoted = promote(root, built, VerificationKey.read(other.publicKey()), false);

        assertThat(promoted.succeeded()).isFalse();
        assertThat(promoted.failure().orElseThrow()).containsPattern("/app@sha256:[0-9a-f]{64} does not verify: "
                + "provenance attestation [0-9a-f]+: signature does NOT verify with sha256:");
        assertThat(REGISTRY.client().head(repository(built, "app"), "latest")).isEmpty();
    }
}
