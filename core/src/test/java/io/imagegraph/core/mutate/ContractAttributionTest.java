package io.imagegraph.core.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.track.ImageContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractAttributionTest {

    private static ImageContract contract(String port, String logLevel) {
        return new ImageContract(List.of(port), Map.of("LOG_LEVEL", logLevel), List.of(), List.of("serve"), "", List.of(),
                "");
    }

    private static OverriddenImage plain(ImageContract contract) {
        return new OverriddenImage(contract, Optional.empty(), Optional.empty());
    }

    private static OverriddenImage overridden(ImageContract upstream, ImageContract effective) {
        return new OverriddenImage(effective, Optional.of("prod"), Optional.of(upstream));
    }

    @Test
    void aChangeTheUpstreamDidNotMake_isTheOverrides() {
        ContractAttribution attribution = ContractAttribution.of(plain(contract("5000/tcp", "info")),
                overridden(contract("5000/tcp", "info"), contract("5000/tcp", "debug")));
        assertThat(attribution.changes()).singleElement().satisfies(change -> {
            assertThat(change.change().field()).isEqualTo("env LOG_LEVEL");
            assertThat(change.origin()).isEqualTo("override prod");
            assertThat(change.fromOverride()).isTrue();
        });
        assertThat(attribution.hidden()).isEmpty();
    }

    @Test
    void anUpstreamChangeTheOverrideSets_isHidden_andTheOthersComeFromUpstream() {
        ContractAttribution attribution = ContractAttribution.of(
                overridden(contract("5000/tcp", "info"), contract("5000/tcp", "debug")),
                overridden(contract("5001/tcp", "warning"), contract("5001/tcp", "debug")));
        assertThat(attribution.changes()).extracting(ContractAttribution.Attributed::origin)
                .containsOnly("upstream").hasSize(2);
        assertThat(attribution.hidden()).singleElement().satisfies(hidden -> {
            assertThat(hidden.change()).isEqualTo(new ImageContract.Change("env LOG_LEVEL", "info", "warning"));
            assertThat(hidden.origin()).isEqualTo("override prod");
        });
    }

    @Test
    void withoutOverrides_everyChangeIsUpstreams_andNothingIsHidden() {
        ContractAttribution attribution = ContractAttribution.of(plain(contract("5000/tcp", "info")),
                plain(contract("5000/tcp", "debug")));
        assertThat(attribution.changes()).extracting(ContractAttribution.Attributed::origin).containsExactly("upstream");
        assertThat(attribution.hidden()).isEmpty();
    }
}
