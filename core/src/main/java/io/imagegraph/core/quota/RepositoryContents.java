package io.imagegraph.core.quota;

import io.imagegraph.core.ref.Digest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one repository holds: its tags, and every blob (config and layers, of each platform of an
 * index) its tagged manifests name, with the size the manifests give.
 *
 * @param repository {@code registry/path}
 * @param tags       its tags
 * @param blobs      blob digest to size
 */
public record RepositoryContents(String repository, Set<String> tags, Map<Digest, Long> blobs) {

    public RepositoryContents {
        tags = Set.copyOf(tags);
        blobs = Map.copyOf(blobs);
    }

    public static RepositoryContents empty(String repository) {
        return new RepositoryContents(repository, Set.of(), Map.of());
    }

    /** This repository with more tags and blobs (what a promotion or push would add). */
    public RepositoryContents plus(RepositoryContents added) {
        Set<String> allTags = new TreeSet<>(tags);
        allTags.addAll(added.tags);
        Map<Digest, Long> allBlobs = new HashMap<>(blobs);
        allBlobs.putAll(added.blobs);
        return new RepositoryContents(repository, allTags, allBlobs);
    }

    /** The parent path ({@code registry/acme} of {@code registry/acme/keystone}): the namespace its bytes are shared in. */
    public String namespace() {
        int slash = repository.lastIndexOf('/');
        return repository.substring(0, slash);
    }
}
