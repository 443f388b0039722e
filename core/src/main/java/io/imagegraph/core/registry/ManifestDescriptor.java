package io.imagegraph.core.registry;

import io.imagegraph.core.ref.Digest;

/**
 * What a manifest HEAD tells: the manifest's digest, media type and size.
 *
 * @param digest    the digest of the manifest's bytes
 * @param mediaType its media type, such as {@link MediaTypes#DOCKER_MANIFEST}
 * @param size      its length in bytes
 */
public record ManifestDescriptor(Digest digest, String mediaType, long size) {
}
