package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    private static final String SECRET = "0123456789abcdef-shared";
    private final WebhookSecret secret = WebhookSecret.of(SECRET);

    @Test
    void bearerHeader_tokenHeader_andQueryToken_areAccepted() {
        assertThatCode(() -> secret.check(Map.of("authorization", List.of("Bearer " + SECRET)), Optional.empty()))
                .doesNotThrowAnyException();
        assertThatCode(() -> secret.check(Map.of("X-Imagegraph-Token", List.of(SECRET)), Optional.empty()))
                .doesNotThrowAnyException();
        assertThatCode(() -> secret.check(Map.of(), Optional.of(SECRET))).doesNotThrowAnyException();
    }

    @Test
    void wrongSecret_isRejectedWith401_withoutSayingTheSecret() {
        assertThatThrownBy(() -> secret.check(Map.of("Authorization", List.of("Bearer guess-guess-guess")),
                Optional.empty())).isInstanceOf(WebhookRejectedException.class).hasMessage("the shared secret is wrong")
                .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(401));
    }

    @Test
    void noSecret_saysWhereToPutIt() {
        assertThatThrownBy(() -> secret.check(Map.of(), Optional.empty())).hasMessageContaining("?token=<secret>");
    }

    @Test
    void shortSecret_isRefused_andNoSecretIsPrinted() {
        assertThatThrownBy(() -> WebhookSecret.of("short")).hasMessageContaining("at least 16 characters");
        assertThat(secret.toString()).doesNotContain(SECRET);
    }
}
