package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
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
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;
    private volatile Optional<RegistryCredentials> resolved;

    RegistryTransport(RegistryEndpoint endpoint, CredentialResolver credentials, RetryPolicy retry, Clock clock) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.retry = retry;
        this.clock = clock;
    }

    String registryName() {
        return endpoint.host().value();
    }

    URI uri(String path) {
        return endpoint.resolve(path);
    }

    /** Sends a call, authenticating and retrying as needed; an answer outside {@code accepted} throws. */
    RegistryResponse send(RegistryCall call) throws RegistryException, InterruptedException {
        boolean authenticated = false;
        int attempt = 0;
        while (true) {
            attempt++;
            Map<String, String> headers = new java.util.HashMap<>(call.headers());
            authorization(call).ifPresent(value -> headers.put("Authorization", value));
            RegistryResponse response;
            try {
                response = exchange(call.method(), uri(call.path()), headers, call.body());
            } catch (IOException e) {
                if (attempt >= retry.attempts()) {
                    throw new RegistryException(call.action(), registryName(), 0, List.of(), "no answer after "
                            + attempt + " attempts (" + describe(e) + ")", true);
                }
                Thread.sleep(retry.pauseAfter(attempt, null).toMillis());
                continue;
            }
            int status = response.status();
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

    /**
     * One HTTP exchange with {@link HttpURLConnection}: plain, synchronous and quick to start,
     * which matters for a short-lived command making hundreds of small calls (about twice as fast
     * as {@code java.net.http.HttpClient} from a cold JVM here). Keep-alive reuses connections.
     */
    private static RegistryResponse exchange(String method, URI uri, Map<String, String> headers, byte[] body)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(60_000);
            connection.setRequestMethod(method);
            headers.forEach(connection::setRequestProperty);
            if (body != null || method.equals("POST") || method.equals("PUT")) {
                byte[] content = body == null ? new byte[0] : body;
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(content.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(content);
                }
            }
            int status = connection.getResponseCode();
            byte[] bytes;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                bytes = in == null || method.equals("HEAD") ? new byte[0] : in.readAllBytes();
            }
            return new RegistryResponse(status, connection.getHeaderFields(), bytes);
        } catch (IOException e) {
            connection.disconnect();
            throw e;
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
    private void authenticate(RegistryCall call, RegistryResponse response) throws RegistryException {
        Optional<AuthChallenge> offered = response.header("WWW-Authenticate").flatMap(AuthChallenge::parse);
        if (offered.isEmpty() || !(offered.get().isBasic() || offered.get().isBearer())) {
            throw new RegistryException(call.action(), registryName(), 401, List.of(), "the registry answered 401"
                    + " without a Basic or Bearer challenge that image-graph can answer ("
                    + response.header("WWW-Authenticate").orElse("no WWW-Authenticate header") + ")", false);
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
            Map<String, String> headers = login.map(c -> Map.of("Authorization", c.basicHeader())).orElse(Map.of());
            RegistryResponse response;
            try {
                response = exchange("GET", uri, headers, null);
            } catch (IOException e) {
                if (attempt >= retry.attempts()) {
                    throw new RegistryException(action, registryName(), 0, List.of(), "the token server did not"
                            + " answer after " + attempt + " attempts (" + describe(e) + ")", true);
                }
                Thread.sleep(retry.pauseAfter(attempt, null).toMillis());
                continue;
            }
            int status = response.status();
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

    private RegistryException failure(RegistryCall call, RegistryResponse response, int attempts)
            throws RegistryException {
        int status = response.status();
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

    private static Duration retryAfter(RegistryResponse response) {
        return response.header("Retry-After").map(value -> {
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
    static Optional<String> nextPage(RegistryResponse response) {
        for (String link : response.values("Link")) {
            int open = link.indexOf('<');
            int close = link.indexOf('>');
            if (open >= 0 && close > open && link.substring(close).contains("rel=\"next\"")) {
                return Optional.of(link.substring(open + 1, close));
            }
        }
        return Optional.empty();
    }
}
