package io.imagegraph.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bearer-token server for {@link LoopbackRegistry#withTokenAuth}: it checks Basic credentials
 * for one user and answers {@code GET /token?service=...&scope=...} with an RS256 JWT (the key and
 * certificate made by openssl, the certificate in the token's {@code x5c}) granting the requested
 * actions, as Docker Hub's or Quay's token endpoints do. It counts the tokens it issues.
 */
public final class TokenServer implements AutoCloseable {

    public static final String SERVICE = "imagegraph-test-registry";
    public static final String ISSUER = "imagegraph-test-issuer";

    private final HttpServer server;
    private final Path directory;
    private final String user;
    private final String password;
    private final long lifetimeSeconds;
    private final PrivateKey key;
    private final String certificateDer;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TokenServer(Path directory, String user, String password, long lifetimeSeconds) throws IOException {
        this.directory = directory;
        this.user = user;
        this.password = password;
        this.lifetimeSeconds = lifetimeSeconds;
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-subj", "/CN=imagegraph-test-token", "-days", "2");
        run("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "key.der");
        run("openssl", "x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der");
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Files.readAllBytes(directory.resolve("key.der"))));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        certificateDer = Base64.getEncoder().encodeToString(Files.readAllBytes(directory.resolve("cert.der")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.start();
    }

    public static TokenServer start(String user, String password) throws IOException {
        return start(user, password, 300);
    }

    public static TokenServer start(String user, String password, long lifetimeSeconds) throws IOException {
        return new TokenServer(Files.createTempDirectory("imagegraph-tokens-"), user, password, lifetimeSeconds);
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public Path certificate() {
        return directory.resolve("cert.pem");
    }

    public int issued() {
        return issued.get();
    }

    /** The scope parameters of every token request, in order. */
    public List<String> requestedScopes() {
        return List.copyOf(scopes);
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
            return;
        }
        List<String> access = new ArrayList<>();
        String query = exchange.getRequestURI().getRawQuery();
        for (String part : query == null ? new String[0] : query.split("&")) {
            if (part.startsWith("scope=")) {
                String scope = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
                scopes.add(scope);
                for (String one : scope.split(" ")) {
                    String[] fields = one.split(":");
                    if (fields.length == 3) {
                        StringBuilder actions = new StringBuilder();
                        for (String action : fields[2].split(",")) {
                            actions.append(actions.isEmpty() ? "" : ",").append('"').append(action).append('"');
                        }
                        access.add("{\"type\":\"" + fields[0] + "\",\"name\":\"" + fields[1] + "\",\"actions\":["
                                + actions + "]}");
                    }
                }
            }
        }
        long now = Instant.now().getEpochSecond();
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + certificateDer + "\"]}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"aud\":\"" + SERVICE + "\",\"exp\":"
                + (now + lifetimeSeconds) + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now + ",\"jti\":\""
                + UUID.randomUUID() + "\",\"access\":[" + String.join(",", access) + "]}";
        String unsigned = base64url(header) + "." + base64url(claims);
        String jwt;
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            jwt = unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        issued.incrementAndGet();
        send(exchange, 200, "{\"token\":\"" + jwt + "\",\"expires_in\":" + lifetimeSeconds + "}");
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void run(String... argv) throws IOException {
        Process process = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + new String(output));
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
