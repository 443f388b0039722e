package io.imagegraph.core.quota;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A limit on what a namespace or a repository of a registry may hold: unique layer bytes (for a
 * repository, the bytes of blobs no other repository of its namespace names; for a namespace,
 * every distinct blob of its repositories once) and the number of tags.
 *
 * @param scope  namespace or repository
 * @param name   {@code registry/path}
 * @param bytes  the byte limit, if there is one
 * @param tags   the tag limit, if there is one
 */
public record Quota(Scope scope, String name, OptionalLong bytes, OptionalInt tags) {

    private static final Pattern NAME = Pattern.compile("[^/\\s]+/[a-z0-9]+([._/-][a-z0-9]+)*");

    /** What a quota limits. */
    public enum Scope implements io.imagegraph.core.files.WireName {
        NAMESPACE, REPOSITORY;

        @Override
        public String toString() {
            return id();
        }
    }

    static Quota of(String namespace, String repository, String bytes, Integer tags) {
        if ((namespace == null) == (repository == null)) {
            throw new IllegalArgumentException("a quota names either a namespace or a repository"
                    + " (registry/path), not " + (namespace == null ? "neither" : "both"));
        }
        String name = namespace != null ? namespace : repository;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("quota for '" + name + "': write registry/path, such as"
                    + " quay.io/acme or quay.io/acme/keystone");
        }
        if (bytes == null && tags == null) {
            throw new IllegalArgumentException("quota for " + name + " sets no limit; give bytes, tags or both");
        }
        if (tags != null && tags < 0) {
            throw new IllegalArgumentException("quota for " + name + ": tags must be 0 or more, not " + tags);
        }
        return new Quota(namespace != null ? Scope.NAMESPACE : Scope.REPOSITORY, name,
                bytes == null ? OptionalLong.empty() : OptionalLong.of(ByteSize.parse(bytes)),
                tags == null ? OptionalInt.empty() : OptionalInt.of(tags));
    }

    /** The registry part of the name. */
    public String registry() {
        return name.substring(0, name.indexOf('/'));
    }

    /** The path under the registry. */
    public String path() {
        return name.substring(name.indexOf('/') + 1);
    }

    /** Whether the repository {@code registry/path} counts against this quota. */
    public boolean covers(String repository) {
        return scope == Scope.REPOSITORY ? repository.equals(name) : repository.startsWith(name + "/");
    }
}
