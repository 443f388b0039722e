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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        while (true) {
            RegistryResponse response = untilSettled(call.action(), "no answer", () -> {
                Map<String, String> headers = new java.util.HashMap<>(call.headers());
                authorization(call).ifPresent(value -> headers.put("Authorization", value));
                return exchange(call.method(), uri(call.path()), headers, call.body(), call.bodyFile(),
                        call.responseFile());
            });
            if (response.status() == 401 && !authenticated) {
                authenticated = true;
                authenticate(call, response);
                continue;
            }
            if (call.accepted().contains(response.status())) {
                return response;
            }
            throw failure(call, response);
        }
    }

    /**
     * Fetches what a registry redirected a download to (Quay and registries on object storage send
     * blobs from a signed URL), into {@code file}. The URL carries its own authorisation, so no
     * registry credentials go with it; lost connections and 5xx are tried again like any call.
     */
    void download(URI location, Path file, String action) throws RegistryException, InterruptedException {
        String storage = "the storage it redirected to (" + location.getHost() + ")";
        RegistryResponse response = untilSettled(action, storage + " did not answer",
                () -> exchange("GET", location, Map.of(), null, null, file));
        if (response.status() != 200) {
            throw new RegistryException(action, registryName(), response.status(), List.of(),
                    storage + " answered " + response.status(), RetryPolicy.isRetryableStatus(response.status()));
        }
    }

    /** One exchange, as the caller makes it; may be made again when the first attempt fails. */
    @FunctionalInterface
    private interface Exchange {
        RegistryResponse run() throws IOException, RegistryException, InterruptedException;
    }

    /**
     * Makes an exchange until its answer is not worth another attempt: a lost connection, 429 or
     * 5xx is tried again after the policy's pause (or the registry's Retry-After), up to the
     * policy's attempts. The last answer is returned whatever its status; only when no answer came
     * at all does it throw, with {@code unanswered} and the attempts in the message.
     */
    private RegistryResponse untilSettled(String action, String unanswered, Exchange exchange)
            throws RegistryException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                RegistryResponse response = exchange.run();
                if (!RetryPolicy.isRetryableStatus(response.status()) || attempt >= retry.attempts()) {
                    return response;
                }
                Thread.sleep(retry.pauseAfter(attempt, retryAfter(response)).toMillis());
            } catch (IOException e) {
                if (attempt >= retry.attempts()) {
                    throw new RegistryException(action, registryName(), 0, List.of(), unanswered + " after "
                            + attempt + " attempts (" + describe(e) + ")", true);
                }
                Thread.sleep(retry.pauseAfter(attempt, null).toMillis());
            }
        }
    }

    /**
     * One HTTP exchange with {@link HttpURLConnection}: plain, synchronous and quick to start,
     * which matters for a short-lived command making hundreds of small calls (about twice as fast
     * as {@code java.net.http.HttpClient} from a cold JVM here). Keep-alive reuses connections.
     * A body file is streamed with a fixed length; a 200 answer is streamed into a response file.
     */
    private static RegistryResponse exchange(String method, URI uri, Map<String, String> headers, byte[] body,
                                             Path bodyFile, Path responseFile) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(60_000);
            connection.setRequestMethod(method);
            headers.forEach(connection::setRequestProperty);
            if (bodyFile != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(Files.size(bodyFile));
                try (OutputStream out = connection.getOutputStream()) {
                    Files.copy(bodyFile, out);
                }
            } else if (body != null || method.equals("POST") || method.equals("PUT")) {
                byte[] content = body == null ? new byte[0] : body;
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(content.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(content);
                }
            }
            int status = connection.getResponseCode();
            byte[] bytes = new byte[0];
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null && status == 200 && responseFile != null) {
                    Files.copy(in, responseFile, StandardCopyOption.REPLACE_EXISTING);
                } else if (in != null && !method.equals("HEAD")) {
                    bytes = in.readAllBytes();
                }
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
        Map<String, String> headers = login.map(c -> Map.of("Authorization", c.basicHeader())).orElse(Map.of());
        RegistryResponse response = untilSettled(action, "the token server did not answer",
                () -> exchange("GET", uri, headers, null, null, null));
        int status = response.status();
        if (status == 200) {
            return readToken(action, response.body());
        }
        String why = status == 401 || status == 403
                ? (login.isPresent() ? "the token server refused the credentials of " + login.get().username()
                : "the token server wants credentials; log in to " + registryName() + " (docker login) or give"
                + " credentials for it")
                : "the token server answered " + status;
        throw new RegistryException(action, registryName(), status, RegistryErrorBody.codes(response.body()), why,
                RetryPolicy.isRetryableStatus(status));
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

    private RegistryException failure(RegistryCall call, RegistryResponse response) throws RegistryException {
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
                    + (RetryPolicy.isRetryableStatus(status) ? " " + retry.attempts() + " times" : "");
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
