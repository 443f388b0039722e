package io.imagegraph.core.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CNCF distribution registry (Debian's docker-registry) on a free 127.0.0.1 port, storing in a
 * temporary directory, without auth, with htpasswd auth or with bearer tokens from a
 * {@link TokenServer}; started per test class and stopped (by its process) in {@link #close()}.
 */
public final class LoopbackRegistry implements AutoCloseable {

    private volatile Process process;
    private final Path directory;
    private final String host;

    private LoopbackRegistry(Process process, Path directory, String host) {
        this.process = process;
        this.directory = directory;
        this.host = host;
    }

    public static LoopbackRegistry start() throws IOException, InterruptedException {
        return start(dir -> "");
    }

    /** A registry that wants Basic auth for one user (bcrypt htpasswd, as distribution requires). */
    public static LoopbackRegistry withHtpasswd(String user, String password) throws IOException, InterruptedException {
        return start(dir -> {
            Path htpasswd = dir.resolve("htpasswd");
            Process process = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectErrorStream(true).start();
            byte[] line = process.getInputStream().readAllBytes();
            try {
                if (process.waitFor() != 0) {
                    throw new IOException("htpasswd failed: " + new String(line));
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            Files.write(htpasswd, line);
            return "auth:\n  htpasswd:\n    realm: imagegraph-test\n    path: " + htpasswd + "\n";
        });
    }

    /** A registry that wants bearer tokens signed by the token server's key. */
    public static LoopbackRegistry withTokenAuth(TokenServer tokens) throws IOException, InterruptedException {
        return start(dir -> "auth:\n  token:\n    realm: " + tokens.realm() + "\n    service: " + TokenServer.SERVICE
                + "\n    issuer: " + TokenServer.ISSUER + "\n    rootcertbundle: " + tokens.certificate() + "\n");
    }

    /**
     * A registry that sends its notifications (pushes and pulls) to {@code url}, with
     * {@code Authorization: Bearer <secret>}, as a registry's operator would configure it.
     */
    public static LoopbackRegistry withNotifications(String url, String secret) throws IOException, InterruptedException {
        return start(dir -> "notifications:\n  endpoints:\n    - name: imagegraph\n      url: " + url
                + "\n      headers:\n        Authorization: [\"Bearer " + secret + "\"]\n      timeout: 2s\n"
                + "      threshold: 3\n      backoff: 1s\n");
    }

    private interface AuthSection {
        String write(Path directory) throws IOException;
    }

    private static LoopbackRegistry start(AuthSection auth) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("imagegraph-registry-");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n"
                + auth.write(dir));
        Process process;
        try {
            process = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start docker-registry for the tests (" + e.getMessage()
                    + "); install Debian's docker-registry (bin/lib/install-deps)", e);
        }
        LoopbackRegistry registry = new LoopbackRegistry(process, dir, "127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited during start-up: " + Files.readString(dir.resolve("registry.log")));
            }
            if (registry.answers()) {
                return registry;
            }
            Thread.sleep(100);
        }
        registry.close();
        throw new IOException("docker-registry did not answer on " + registry.host + " within 30 s");
    }

    /** host:port, as image references name it. */
    public String host() {
        return host;
    }

    /** Whether the registry answers on its port right now. */
    public boolean answersNow() {
        return answers();
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + host + "/v2/").toURL().openConnection();
            connection.setConnectTimeout(500);
            int status = connection.getResponseCode();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        }
    }

    /** The HTTP status of a manifest HEAD for repository:tag (200 when it is there, 404 when not). */
    public int manifestStatus(String repository, String tag) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + host + "/v2/" + repository
                + "/manifests/" + tag).toURL().openConnection();
        connection.setRequestMethod("HEAD");
        connection.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json,"
                + "application/vnd.oci.image.manifest.v1+json");
        return connection.getResponseCode();
    }

    /**
     * Starts the registry again after {@link #stop()}, on the same port with the same storage, as a
     * registry that comes back; returns once it answers.
     */
    public synchronized void restart() throws IOException, InterruptedException {
        if (process.isAlive() && answers()) {
            return;
        }
        process = new ProcessBuilder("docker-registry", "serve", directory.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("registry.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (answers()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("docker-registry did not answer again on " + host + " within 30 s");
    }

    /** Stops the registry process now, as a registry that goes away in the middle of a run. */
    public synchronized void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        new ProcessBuilder("rm", "-rf", directory.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
}
