package io.imagegraph.core.registry;

/** Finds the client for a registry by the name images use for it ({@code quay.io}, {@code 127.0.0.1:5000}). */
@FunctionalInterface
public interface Registries {

    Registry named(String registry) throws RegistryException;
}
