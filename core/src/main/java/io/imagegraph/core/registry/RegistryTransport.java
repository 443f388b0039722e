package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that talks HTTP to a registry: it authenticates (anonymous, Basic, or the bearer
 * token flow with the realm, service and scope a 401 names), caches tokens per scope and fetches a
 * new one when a token is refused or about to expire, and tries again with backoff after 429, 5xx
 * or a lost connection. Endpoints describe their calls as {@link RegistryCall}s and read the answer.
 * Credentials go into Authorization headers only, never into a message.
 */
final class RegistryTransport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);

    private final RegistryEndpoint endpoint;
    private final CredentialResolver credentials;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;
    private volatile Optional<RegistryCredentials> resolved;

    RegistryTransport(RegistryEndpoint endpoint, CredentialResolver credentials, RetryPolicy retry, HttpClient http,
                      Clock clock) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.retry = retry;
        this.http = http;
        this.clock = clock;
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String registryName() {
        return endpoint.host().value();
    }

    URI uri(String path) {
        return endpoint.resolve(path);
    }

    /** Sends a call, authenticating and retrying as needed; an answer outside {@code accepted} throws. */
    HttpResponse<byte[]> send(RegistryCall call) throws RegistryException, InterruptedException {
        boolean authenticated = false;
        int attempt = 0;
        while (true) {
            attempt++;
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(call.path())).timeout(Duration.ofSeconds(60));
            call.headers().forEach(request::header);
            authorization(call).ifPresent(value -> request.header("Authorization", value));
            request.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= retry.attempts()) {
                    throw new RegistryException(call.action(), registryName(), 0, List.of(), "no answer after "
                            + attempt + " attempts (" + describe(e) + ")", true);
                }
                Thread.sleep(retry.pauseAfter(attempt, null).toMillis());
                continue;
            }
            int status = response.statusCode();
            if (status == 401 && !authenticated) {
                authenticated = true;
                attempt--;
                authenticate(call, response);
                continue;
            }
            if (call.accepted().contains(status)) {
                return response;
            }
            if (RetryPolicy.isRetryableStatus(status) && attempt < retry.attempts()) {
                Thread.sleep(retry.pauseAfter(attempt, retryAfter(response)).toMillis());
                continue;
            }
            throw failure(call, response, attempt);
        }
    }

    private Optional<String> authorization(RegistryCall call) throws RegistryException, InterruptedException {
        AuthChallenge known = challenge;
        if (known == null) {
            return Optional.empty();
        }
        if (known.isBasic()) {
            return credentials().map(RegistryCredentials::basicHeader);
        }
        if (known.isBearer()) {
            String key = String.join(" ", call.scopes());
            Token token = tokens.get(key);
            if (token == null || token.expiresBefore(clock.instant().plus(TOKEN_MARGIN))) {
                token = fetchToken(known, call.scopes());
                tokens.put(key, token);
            }
            return Optional.of("Bearer " + token.value());
        }
        return Optional.empty();
    }

    /** Learns how the registry wants to be asked after a 401, dropping any token it refused. */
    private void authenticate(RegistryCall call, HttpResponse<byte[]> response) throws RegistryException {
        Optional<AuthChallenge> offered = response.headers().firstValue("WWW-Authenticate").flatMap(AuthChallenge::parse);
        if (offered.isEmpty() || !(offered.get().isBasic() || offered.get().isBearer())) {
            throw new RegistryException(call.action(), registryName(), 401, List.of(), "the registry answered 401"
                    + " without a Basic or Bearer challenge that image-graph can answer ("
                    + response.headers().firstValue("WWW-Authenticate").orElse("no WWW-Authenticate header") + ")", false);
        }
        tokens.remove(String.join(" ", call.scopes()));
        challenge = offered.get();
    }

    private Token fetchToken(AuthChallenge bearer, List<String> scopes) throws RegistryException, InterruptedException {
        String realm = bearer.parameter("realm").orElseThrow(() -> RegistryException.of("authenticate",
                registryName(), "its Bearer challenge names no realm to get a token from"));
        StringBuilder query = new StringBuilder();
        bearer.parameter("service").ifPresent(service -> query.append("service=").append(encode(service)));
        for (String scope : scopes) {
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
        }
        String action = "get a token" + (scopes.isEmpty() ? "" : " for " + String.join(" ", scopes)) + " from " + realm;
        URI uri;
        try {
            uri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + query));
        } catch (IllegalArgumentException e) {
            throw RegistryException.of(action, registryName(), "the realm is not a URL");
        }
        Optional<RegistryCredentials> login = credentials();
        int attempt = 0;
        while (true) {
            attempt++;
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
            login.ifPresent(c -> request.header("Authorization", c.basicHeader()));
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= retry.attempts()) {
                    throw new RegistryException(action, registryName(), 0, List.of(), "the token server did not"
                            + " answer after " + attempt + " attempts (" + describe(e) + ")", true);
                }
                Thread.sleep(retry.pauseAfter(attempt, null).toMillis());
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                return readToken(action, response.body());
            }
            if (RetryPolicy.isRetryableStatus(status) && attempt < retry.attempts()) {
                Thread.sleep(retry.pauseAfter(attempt, retryAfter(response)).toMillis());
                continue;
            }
            String why = status == 401 || status == 403
                    ? (login.isPresent() ? "the token server refused the credentials of " + login.get().username()
                    : "the token server wants credentials; log in to " + registryName() + " (docker login) or give"
                    + " credentials for it")
                    : "the token server answered " + status;
            throw new RegistryException(action, registryName(), status, RegistryErrorBody.codes(response.body()), why,
                    RetryPolicy.isRetryableStatus(status));
        }
    }

    private Token readToken(String action, byte[] body) throws RegistryException {
        try {
            JsonNode json = JSON.readTree(body);
            String value = json.path("token").asText(json.path("access_token").asText(""));
            if (value.isEmpty()) {
                throw RegistryException.of(action, registryName(), "the token server's answer holds no token");
            }
            long seconds = json.path("expires_in").asLong(60);
            return new Token(value, clock.instant().plusSeconds(Math.max(seconds, 1)));
        } catch (IOException e) {
            throw RegistryException.of(action, registryName(), "the token server's answer is not JSON");
        }
    }

    private Optional<RegistryCredentials> credentials() throws RegistryException {
        Optional<RegistryCredentials> known = resolved;
        if (known == null) {
            known = credentials.credentialsFor(endpoint.host());
            resolved = known;
        }
        return known;
    }

    private RegistryException failure(RegistryCall call, HttpResponse<byte[]> response, int attempts)
            throws RegistryException {
        int status = response.statusCode();
        List<String> codes = RegistryErrorBody.codes(response.body());
        String detail = RegistryErrorBody.messages(response.body());
        Optional<RegistryCredentials> login = credentials();
        String why = switch (status) {
            case 401 -> login.isPresent()
                    ? "the registry refused the credentials of " + login.get().username()
                    : "the registry wants credentials; log in to it (docker login " + registryName()
                    + ") or give credentials for it";
            case 403 -> "access denied" + login.map(c -> " to " + c.username()).orElse(" to anonymous users")
                    + "; give the account (or robot) the permission this needs";
            case 404 -> "it does not exist there (or the credentials cannot see it)";
            default -> "the registry answered " + status
                    + (RetryPolicy.isRetryableStatus(status) ? " " + attempts + " times" : "");
        };
        if (!detail.isEmpty()) {
            why += " (" + detail + ")";
        }
        return new RegistryException(call.action(), registryName(), status, codes, why,
                RetryPolicy.isRetryableStatus(status));
    }

    private static Duration retryAfter(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private record Token(String value, Instant expires) {
        boolean expiresBefore(Instant time) {
            return expires.isBefore(time);
        }

        @Override
        public String toString() {
            return "Token[****, expires " + expires + "]";
        }
    }

    /** The next page of a list call, from its {@code Link: <...>; rel="next"} header. */
    static Optional<String> nextPage(HttpResponse<byte[]> response) {
        for (String link : response.headers().allValues("Link")) {
            int open = link.indexOf('<');
            int close = link.indexOf('>');
            if (open >= 0 && close > open && link.substring(close).contains("rel=\"next\"")) {
                return Optional.of(link.substring(open + 1, close));
            }
        }
        return Optional.empty();
    }
}
