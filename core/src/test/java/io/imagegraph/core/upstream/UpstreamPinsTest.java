package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.ref.ImageRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamPinsTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    @Test
    void fixedTagWatch_pinsTheBaseAsWrittenToItsDigest() {
        UpstreamPins pins = UpstreamPins.of(Map.of("docker.io/library/debian:12", new UpstreamDigest(
                "docker.io/library/debian:12", "docker.io/library/debian", "12", D1, null, null, "t", "poll")),
                UpstreamSettings.defaults());
        assertThat(pins.pin(ImageRef.parse("debian:12")).orElseThrow().toString()).isEqualTo("debian:12@" + D1);
        assertThat(pins.pin(ImageRef.parse("debian:11"))).isEmpty();
        assertThat(pins.pin(ImageRef.parse("debian:12@" + D2))).as("pinned by the Dockerfile").isEmpty();
    }

    @Test
    void policyWatch_pinsAnyTagOfTheRepositoryToTheChosenTag() {
        UpstreamWatch policy = UpstreamWatch.of("alpine", null, "~3.20");
        UpstreamPins pins = UpstreamPins.of(Map.of(policy.key(), new UpstreamDigest(policy.key(),
                "docker.io/library/alpine", "3.20.4", D2, null, null, "t", "poll")),
                new UpstreamSettings(Duration.ofHours(1), 100, List.of(policy)));
        assertThat(pins.resolve(ImageRef.parse("alpine:3.20.3")).toString()).isEqualTo("alpine:3.20.4@" + D2);
    }

    @Test
    void none_leavesEveryBaseAsWritten() {
        assertThat(UpstreamPins.none().resolve(ImageRef.parse("debian:12")).toString()).isEqualTo("debian:12");
    }
}
