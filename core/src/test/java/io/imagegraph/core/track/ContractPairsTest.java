package io.imagegraph.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractPairsTest {

    private static final String RUNNING = "sha256:" + "1".repeat(64);
    private static final String NEW = "sha256:" + "2".repeat(64);

    private static ImageResult pushed(String name) {
        return new ImageResult(name, ImageStatus.BUILT, Optional.empty(), Optional.of(NEW),
                List.of("quay.io/acme/" + name + ":pr-1"), "sha256:" + "0".repeat(64), Duration.ZERO, Optional.empty(),
                "", 1);
    }

    @Test
    void of_pairsEachPushedImageWithWhatTheEnvironmentRuns_andSkipsTheRest() {
        BuildReport run = new BuildReport("run-1", Instant.EPOCH, Instant.EPOCH, List.of(pushed("keystone"),
                pushed("glance")));
        List<DeploymentRecord> deployed = List.of(
                new DeploymentRecord("prod", "quay.io/acme/keystone", RUNNING, "t", "ops"),
                new DeploymentRecord("staging", "quay.io/acme/glance", RUNNING, "t", "ops"));
        assertThat(ContractPairs.of(run, deployed, "prod")).containsExactly(new ContractPairs.Pair("keystone",
                "quay.io/acme/keystone@" + RUNNING, "quay.io/acme/keystone@" + NEW));
    }
}
