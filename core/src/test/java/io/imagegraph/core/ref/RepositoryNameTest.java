package io.imagegraph.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RepositoryNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "openstack-base", "nova__api", "a.b", "acme/base", "x--y", "a1/b2/c3"})
    void isValid_acceptsOciNames(String name) {
        assertThat(RepositoryName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Base", "-base", "base-", "a___b", "a//b", "", "a b", "base_", "/base"})
    void isValid_rejectsWhatTheSpecForbids(String name) {
        assertThat(RepositoryName.isValid(name)).isFalse();
    }

    @Test
    void of_invalid_explainsTheRule() {
        assertThatThrownBy(() -> RepositoryName.of("My_Image"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("'My_Image'")
                .hasMessageContaining("lowercase");
    }

    @Test
    void lastComponent_isTheImageName() {
        assertThat(RepositoryName.of("acme/openstack/keystone").lastComponent()).isEqualTo("keystone");
    }
}
