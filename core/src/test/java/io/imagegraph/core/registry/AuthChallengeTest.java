package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parse_bearerWithQuotedParameters_readsRealmServiceAndScope() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://quay.io/v2/auth\",service=\"quay.io\","
                + "scope=\"repository:acme/base:pull,push\"").orElseThrow();
        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.parameter("realm")).contains("https://quay.io/v2/auth");
        assertThat(challenge.parameter("service")).contains("quay.io");
        assertThat(challenge.parameter("scope")).contains("repository:acme/base:pull,push");
    }

    @Test
    void parse_basicInAnyCase_isBasic() {
        AuthChallenge challenge = AuthChallenge.parse("BASIC realm=\"registry\"").orElseThrow();
        assertThat(challenge.isBasic()).isTrue();
        assertThat(challenge.parameter("realm")).contains("registry");
    }

    @Test
    void parse_unquotedValuesAndSpaces_areRead() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=https://auth/token, service=reg").orElseThrow();
        assertThat(challenge.parameter("realm")).contains("https://auth/token");
        assertThat(challenge.parameter("service")).contains("reg");
    }

    @Test
    void parse_escapedQuoteInsideValue_isKept() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"a\\\"b\",error=\"invalid_token\"").orElseThrow();
        assertThat(challenge.parameter("realm")).contains("a\"b");
        assertThat(challenge.parameter("error")).contains("invalid_token");
    }

    @Test
    void parse_missingOrBlankHeader_isEmpty() {
        assertThat(AuthChallenge.parse(null)).isEmpty();
        assertThat(AuthChallenge.parse("  ")).isEmpty();
    }
}
