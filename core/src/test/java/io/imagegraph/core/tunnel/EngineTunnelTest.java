package io.imagegraph.core.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tunnel in front of the tests' real Docker Engine, and in front of far sides that fail. */
class EngineTunnelTest {

    @TempDir
    Path dir;

    private static EngineConnector realEngine() throws Exception {
        return EngineSocketConnector.of(DockerDaemon.shared().environment(), "the test Engine");
    }

    private static CapturedRun docker(EngineTunnel tunnel, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/docker"));  // Debian's: BuildKit without buildx
        argv.addAll(List.of(args));
        return CapturedRun.run(new LocalProcessRunner(), new ProcessSpec(argv, Map.of("DOCKER_HOST",
                tunnel.url().toString(), "DOCKER_BUILDKIT", "1"), Optional.empty(), Optional.empty()));
    }

    private static long tunnelThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("imagegraph tunnel")
                        || thread.getName().startsWith("imagegraph engine")).count();
    }

    @Test
    void dockerThroughTheTunnel_answersVersion_buildsWithBuildKit_andPushes() throws Exception {
        try (EngineTunnel tunnel = EngineTunnel.open("test", realEngine());
             LoopbackRegistry registry = LoopbackRegistry.start()) {
            CapturedRun version = docker(tunnel, "version", "--format", "{{.Server.Version}}");
            assertThat(version.exitCode()).as((version.stdout() + version.stderr())).isZero();
            assertThat((version.stdout() + version.stderr())).containsPattern("\\d+\\.\\d+");

            Path context = Files.createDirectories(dir.resolve("context"));
            Busybox.copyInto(context.resolve("busybox"));
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                    + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo through-the-tunnel > /proof\"]\n");
            String tag = registry.host() + "/tunnel/proof:" + Long.toHexString(System.nanoTime());
            CapturedRun build = docker(tunnel, "build", "--network", "none", "-t", tag, context.toString());
            assertThat(build.exitCode()).as((build.stdout() + build.stderr())).isZero();
            CapturedRun push = docker(tunnel, "push", tag);
            assertThat(push.exitCode()).as((push.stdout() + push.stderr())).isZero();
            assertThat((push.stdout() + push.stderr())).contains("digest: sha256:");
            assertThat(tunnel.connectionsOpened()).isGreaterThan(2);
        }
    }

    @Test
    void anEngineTheConnectorCannotReach_failsDockerAtOnce_sayingSo() throws Exception {
        EngineConnector nowhere = EngineSocketConnector.of(Map.of("DOCKER_HOST",
                "unix://" + dir.resolve("no-such.sock")), "agent gone");
        try (EngineTunnel tunnel = EngineTunnel.open("gone", nowhere)) {
            long started = System.nanoTime();
            CapturedRun version = docker(tunnel, "version", "--format", "{{.Server.Version}}");
            assertThat(version.exitCode()).isNotZero();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        }
    }

    @Test
    void aFarSideThatClosesMidAnswer_endsTheClientsConnection_andLeavesNoThread() throws Exception {
        try (ServerSocket far = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread farSide = new Thread(() -> {
                try (Socket accepted = far.accept()) {
                    accepted.getInputStream().read(new byte[16]);
                    accepted.getOutputStream().write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test reads what arrived
                }
            });
            farSide.start();
            long before = tunnelThreads();
            EngineConnector connector = EngineSocketConnector.of(Map.of("DOCKER_HOST",
                    "tcp://127.0.0.1:" + far.getLocalPort()), "a far side");
            try (EngineTunnel tunnel = EngineTunnel.open("closing", connector);
                 SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(tunnel.url().getPath()))) {
                client.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                String answer = new String(readToEnd(SocketStreams.input(client)), StandardCharsets.US_ASCII);
                assertThat(answer).isEqualTo("HTTP/1.1 200 OK\r\n");
            }
            farSide.join(10_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (tunnelThreads() > before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(tunnelThreads()).isEqualTo(before);
        }
    }

    @Test
    void close_endsLiveConnections_andRemovesItsFolder() throws Exception {
        EngineConnector silent = toClient -> OutputStream.nullOutputStream();
        EngineTunnel tunnel = EngineTunnel.open("closed", silent);
        Path socket = Path.of(tunnel.url().getPath());
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertThat(socket.getParent().getFileName().toString()).startsWith("imagegraph-closed-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (tunnel.connectionsOpened() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            tunnel.close();
            assertThat(SocketStreams.input(client).read()).isEqualTo(-1);
        } finally {
            tunnel.close();   // idempotent: also when an assertion above failed
        }
        assertThat(socket.getParent()).doesNotExist();
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
