package io.imagegraph.core.testing;

import io.imagegraph.core.build.BuildHost;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Three Docker Engines as separate test hosts, and a registry they all reach. Each Engine runs in
 * a network namespace of its own ({@code scaleout-a}, {@code -b}, {@code -c}) joined by veth
 * pairs to a bridge in a fourth ({@code scaleout-lan}), on the test subnet 10.213.77.0/24: the
 * test JVM reaches them at 10.213.77.1 (a veth in its own namespace), the engines at .11, .12 and
 * .13 on TCP, host a with TLS client certificates. The CNCF registry (Debian's docker-registry)
 * listens on 10.213.77.1:5000; every Engine lists it as an insecure registry. Engines use vfs
 * storage, no iptables and no bridge (as bin/lib/docker-engine), each with its own data root, exec
 * root, pid file and unix socket. {@link #close()} stops every process by its PID (and what it
 * started), then removes the namespaces and links, also after a failed start.
 */
public final class NetnsEngines implements AutoCloseable {

    public static final String SUBNET = "10.213.77.";
    private static final String PREFIX = "scaleout-";
    private static final String LAN = PREFIX + "lan";
    private static final String HOST_LINK = PREFIX + "h";
    private static final List<String> NAMES = List.of("a", "b", "c");

    private final Path directory;
    private final String storageDriver;
    private final Map<String, Process> engines = new LinkedHashMap<>();
    private final Map<String, List<ProcessHandle>> started = new LinkedHashMap<>();
    private Process registry;
    private Path tls;

    private NetnsEngines(Path directory, String storageDriver) {
        this.directory = directory;
        this.storageDriver = storageDriver;
    }

    /** Makes the network, starts the registry and the three Engines (vfs storage); on any failure cleans up and throws. */
    public static NetnsEngines start() throws IOException, InterruptedException {
        return start("vfs");
    }

    /**
     * {@link #start()} with the Engines on this storage driver: overlay2 where the temporary folder's
     * file system takes it (ext4, xfs), as production Engines run; vfs copies a container's whole
     * file system for every {@code RUN}.
     */
    public static NetnsEngines start(String storageDriver) throws IOException, InterruptedException {
        NetnsEngines engines = new NetnsEngines(Files.createTempDirectory("imagegraph-scaleout-"), storageDriver);
        try {
            engines.removeLeftovers();
            engines.network();
            engines.startRegistry();
            engines.certificates();
            for (String name : NAMES) {
                engines.startEngine(name);
            }
            for (String name : NAMES) {
                engines.awaitEngine(name);
            }
            return engines;
        } catch (IOException | InterruptedException | RuntimeException e) {
            engines.close();
            throw e;
        }
    }

    /** host:port of the registry, as image references name it. */
    public String registry() {
        return SUBNET + "1:5000";
    }

    /** Host {@code name} (a, b or c) as a build host with this many slots. */
    public BuildHost host(String name, int slots) {
        int index = NAMES.indexOf(name);
        return name.equals("a")
                ? new BuildHost(name, URI.create("tcp://" + SUBNET + (11 + index) + ":2376"), slots, Optional.of(tls.resolve("client")))
                : new BuildHost(name, URI.create("tcp://" + SUBNET + (11 + index) + ":2375"), slots, Optional.empty());
    }

    /** Runs the docker client against host {@code name}; returns its standard output. */
    public String docker(String name, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(host(name, 1).environment());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Kills host {@code name}'s dockerd and everything it started (SIGKILL), as a machine that dies. */
    public void kill(String name) {
        Process engine = engines.get(name);
        List<ProcessHandle> family = new ArrayList<>(engine.descendants().toList());
        started.put(name, family);
        engine.destroyForcibly();
        family.forEach(ProcessHandle::destroyForcibly);
    }

    private void network() throws IOException, InterruptedException {
        String routes = output("ip", "-4", "route", "show") + output("ip", "-4", "-o", "addr", "show");
        if (routes.contains(SUBNET)) {
            throw new IOException("this machine already uses " + SUBNET + "0/24 (" + routes.lines()
                    .filter(line -> line.contains(SUBNET)).findFirst().orElse("") + "); the scale-out tests need it");
        }
        ip("netns", "add", LAN);
        ip("-n", LAN, "link", "add", "br0", "type", "bridge");
        ip("-n", LAN, "link", "set", "br0", "up");
        ip("link", "add", HOST_LINK, "type", "veth", "peer", "name", "h0", "netns", LAN);
        ip("-n", LAN, "link", "set", "h0", "master", "br0", "up");
        ip("addr", "add", SUBNET + "1/24", "dev", HOST_LINK);
        ip("link", "set", HOST_LINK, "up");
        for (int i = 0; i < NAMES.size(); i++) {
            String ns = PREFIX + NAMES.get(i);
            ip("netns", "add", ns);
            ip("-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", NAMES.get(i) + "0", "netns", LAN);
            ip("-n", LAN, "link", "set", NAMES.get(i) + "0", "master", "br0", "up");
            ip("-n", ns, "addr", "add", SUBNET + (11 + i) + "/24", "dev", "eth0");
            ip("-n", ns, "link", "set", "eth0", "up");
            ip("-n", ns, "link", "set", "lo", "up");
        }
    }

    private void startRegistry() throws IOException, InterruptedException {
        Path dir = directory.resolve("registry");
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                + dir.resolve("data") + "\nhttp:\n  addr: " + registry() + "\n");
        registry = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + registry() + "/v2/").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (!registry.isAlive()) {
                    throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("docker-registry did not answer on " + registry() + " within 30 s");
    }

    /** A CA, a server certificate for host a (IP SAN) and a client certificate, as docker's TLS folders want them. */
    private void certificates() throws IOException, InterruptedException {
        tls = directory.resolve("tls");
        Path server = tls.resolve("server");
        Path client = tls.resolve("client");
        Files.createDirectories(server);
        Files.createDirectories(client);
        Path ca = tls.resolve("ca.pem");
        Path caKey = tls.resolve("ca-key.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=scaleout-test-ca",
                "-keyout", caKey.toString(), "-out", ca.toString());
        Path ext = tls.resolve("server.ext");
        Files.writeString(ext, "subjectAltName=IP:" + SUBNET + "11\nextendedKeyUsage=serverAuth\n");
        sign(server, "scaleout-a", ca, caKey, Optional.of(ext));
        Path clientExt = tls.resolve("client.ext");
        Files.writeString(clientExt, "extendedKeyUsage=clientAuth\n");
        sign(client, "scaleout-client", ca, caKey, Optional.of(clientExt));
        Files.copy(ca, server.resolve("ca.pem"));
        Files.copy(ca, client.resolve("ca.pem"));
    }

    private void sign(Path folder, String cn, Path ca, Path caKey, Optional<Path> ext) throws IOException, InterruptedException {
        Path csr = folder.resolve("req.csr");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn, "-keyout",
                folder.resolve("key.pem").toString(), "-out", csr.toString());
        List<String> argv = new ArrayList<>(List.of("openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-days", "2", "-out", folder.resolve("cert.pem").toString()));
        ext.ifPresent(file -> argv.addAll(List.of("-extfile", file.toString())));
        run(argv.toArray(String[]::new));
    }

    private void startEngine(String name) throws IOException {
        Path dir = directory.resolve("engine-" + name);
        Files.createDirectories(dir);
        String address = SUBNET + (11 + NAMES.indexOf(name));
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + PREFIX + name, "dockerd",
                "--storage-driver", storageDriver, "--iptables=false", "--bridge=none",
                "--host", "unix://" + dir.resolve("docker.sock"), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(),
                "--insecure-registry", registry()));
        if (name.equals("a")) {
            Path server = tls.resolve("server");
            argv.addAll(List.of("--host", "tcp://" + address + ":2376", "--tlsverify",
                    "--tlscacert", server.resolve("ca.pem").toString(), "--tlscert", server.resolve("cert.pem").toString(),
                    "--tlskey", server.resolve("key.pem").toString()));
        } else {
            argv.addAll(List.of("--host", "tcp://" + address + ":2375", "--tls=false"));
        }
        // nsenter execs dockerd in its own process, so this Process is the daemon's PID
        engines.put(name, new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dockerd.log").toFile()).start());
    }

    private void awaitEngine(String name) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Process engine = engines.get(name);
        while (System.nanoTime() < deadline) {
            if (!engine.isAlive()) {
                throw new IOException("dockerd of test host " + name + " exited: "
                        + Files.readString(directory.resolve("engine-" + name).resolve("dockerd.log")));
            }
            if (!docker(name, "version", "--format", "{{.Server.Version}}").isBlank()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("dockerd of test host " + name + " did not answer within 90 s");
    }

    /** Leftovers of a run that was killed before it could clean up: this fixture's own names only. */
    private void removeLeftovers() throws IOException, InterruptedException {
        String namespaces = output("ip", "netns", "list");
        for (String ns : List.of(LAN, PREFIX + "a", PREFIX + "b", PREFIX + "c")) {
            if (namespaces.lines().anyMatch(line -> line.split(" ")[0].equals(ns))) {
                quietly("ip", "netns", "del", ns);
            }
        }
        if (!output("ip", "-o", "link", "show", HOST_LINK).isBlank()) {
            quietly("ip", "link", "del", HOST_LINK);
        }
    }

    @Override
    public void close() {
        for (Map.Entry<String, Process> engine : engines.entrySet()) {
            List<ProcessHandle> family = new ArrayList<>(engine.getValue().descendants().toList());
            family.addAll(started.getOrDefault(engine.getKey(), List.of()));
            engine.getValue().destroy();
            try {
                if (!engine.getValue().waitFor(30, TimeUnit.SECONDS)) {
                    engine.getValue().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            family.forEach(ProcessHandle::destroyForcibly);
        }
        if (registry != null) {
            registry.destroyForcibly();
        }
        try {
            for (String ns : List.of(PREFIX + "a", PREFIX + "b", PREFIX + "c", LAN)) {
                // anything still in a test host's namespace was started by its dockerd
                for (String pid : output("ip", "netns", "pids", ns).lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
                quietly("ip", "netns", "del", ns);
            }
            quietly("ip", "link", "del", HOST_LINK);
            // a killed dockerd leaves the mounts it made under its data root (its own bind mount)
            List<String> mounts = new ArrayList<>(Files.readAllLines(Path.of("/proc/mounts")).stream()
                    .map(line -> line.split(" ")[1]).filter(point -> point.startsWith(directory.toString())).toList());
            java.util.Collections.reverse(mounts);
            for (String point : mounts) {
                quietly("umount", "-l", point);
            }
            quietly("rm", "-rf", directory.toString());
        } catch (IOException e) {
            System.err.println("could not clean up the scale-out test hosts: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        run(argv.toArray(String[]::new));
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out.strip()
                    + " (the scale-out tests run as root, with iproute2 and openssl: bin/lib/install-deps)");
        }
    }

    private static void quietly(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.waitFor(120, TimeUnit.SECONDS);
    }

    private static String output(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
