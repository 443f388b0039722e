package io.imagegraph.core.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.run.RunRequestException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryRefusalsTest {

    @Test
    void check_refusedHost_throwsItsSentence() {
        RegistryRefusals refusals = RegistryRefusals.of(Map.of("r.example", "the registry r.example is configured on"
                + " the folder 'b'"));
        assertThatThrownBy(() -> refusals.check(Optional.of("r.example"))).isInstanceOf(RunRequestException.class)
                .hasMessage("the registry r.example is configured on the folder 'b'");
    }

    @Test
    void check_otherHostOrNone_passes() {
        RegistryRefusals refusals = RegistryRefusals.of(Map.of("r.example", "no"));
        assertThatCode(() -> refusals.check(Optional.of("quay.io"))).doesNotThrowAnyException();
        assertThatCode(() -> refusals.check(Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> RegistryRefusals.none().check(Optional.of("r.example"))).doesNotThrowAnyException();
    }
}
