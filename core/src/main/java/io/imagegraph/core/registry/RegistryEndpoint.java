package io.imagegraph.core.registry;

import io.imagegraph.core.ref.RegistryHost;
import java.net.URI;
import java.util.Set;

/**
 * Where a registry answers: HTTPS, or plain HTTP for a loopback host ({@code localhost},
 * {@code 127.0.0.0/8}, {@code [::1]}, as the Docker Engine allows) and for hosts named insecure.
 *
 * @param host the registry host as references name it
 * @param base the URI that {@code /v2/} is resolved against
 */
public record RegistryEndpoint(RegistryHost host, URI base) {

    public static RegistryEndpoint of(RegistryHost host) {
        return of(host, Set.of());
    }

    /**
     * The endpoint of a host, over plain HTTP when it is loopback or in {@code plainHttpHosts}.
     * Docker Hub, which references call {@code docker.io}, answers at {@code registry-1.docker.io}.
     */
    public static RegistryEndpoint of(RegistryHost host, Set<String> plainHttpHosts) {
        boolean plain = isLoopback(host) || plainHttpHosts.contains(host.value());
        String answering = host.value().equals("docker.io") || host.value().equals("index.docker.io")
                ? "registry-1.docker.io" : host.value();
        return new RegistryEndpoint(host, URI.create((plain ? "http://" : "https://") + answering + "/"));
    }

    public boolean isPlainHttp() {
        return base.getScheme().equals("http");
    }

    /** Whether a host is on this machine; the Docker Engine and image-graph use plain HTTP for it. */
    public static boolean isLoopback(RegistryHost host) {
        String name = host.value();
        int colon = name.startsWith("[") ? name.indexOf("]:") + 1 : name.lastIndexOf(':');
        String bare = colon > 0 ? name.substring(0, colon) : name;
        return bare.equals("localhost") || bare.equals("[::1]") || bare.matches("127(\\.[0-9]{1,3}){3}");
    }

    URI resolve(String path) {
        return base.resolve(path);
    }
}
