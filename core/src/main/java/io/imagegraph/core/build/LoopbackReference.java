package io.imagegraph.core.build;

import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.RegistryEndpoint;

/**
 * Whether an image reference ({@code 127.0.0.1:5000/acme/base@sha256:…}) names a loopback
 * registry, which speaks plain HTTP: the Docker Engine allows that by itself, buildah only when told.
 */
public final class LoopbackReference {

    private LoopbackReference() {
    }

    public static boolean isLoopback(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return false;
        }
        try {
            return RegistryEndpoint.isLoopback(RegistryHost.parse(reference.substring(0, slash)));
        } catch (RuntimeException e) {
            return false; // a local name, not a registry host
        }
    }
}
