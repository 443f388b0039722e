package io.imagegraph.core.ref;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference: {@code [registry/]repository[:tag][@digest]}, parsed by the rules docker
 * uses. The first path component is a registry when it has a '.' or ':' or is {@code localhost}.
 * Nothing is normalised: {@code debian} stays {@code debian}, not {@code docker.io/library/debian}.
 */
public final class ImageRef {

    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    private final String registry;
    private final RepositoryName repository;
    private final String tag;
    private final Digest digest;

    private ImageRef(String registry, RepositoryName repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    public static ImageRef parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException(String.valueOf(text), "image reference (it is empty)");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.of(rest.substring(at + 1));
            } catch (InvalidReferenceException e) {
                throw new InvalidReferenceException(text, "image reference (the part after '@' is not a digest)");
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException(text, "image reference ('" + tag
                        + "' is not a valid tag: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')");
            }
            rest = rest.substring(0, colon);
        }
        String registry = null;
        int firstSlash = rest.indexOf('/');
        if (firstSlash > 0) {
            String first = rest.substring(0, firstSlash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                try {
                    RegistryHost.parse(first);
                } catch (InvalidReferenceException e) {
                    throw new InvalidReferenceException(text, "image reference ('" + first + "' is not a valid registry host)");
                }
                registry = first;
                rest = rest.substring(firstSlash + 1);
            }
        }
        if (!RepositoryName.isValid(rest)) {
            throw new InvalidReferenceException(text, "image reference ('" + rest
                    + "' is not a valid repository name: " + RepositoryName.rule() + ")");
        }
        return new ImageRef(registry, RepositoryName.of(rest), tag, digest);
    }

    /** A reference to {@code registry/repository} with neither tag nor digest. */
    public static ImageRef of(String registry, RepositoryName repository) {
        return new ImageRef(registry, Objects.requireNonNull(repository), null, null);
    }

    public Optional<String> registry() {
        return Optional.ofNullable(registry);
    }

    public RepositoryName repository() {
        return repository;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** True when a digest fixes the content; a tag alone can move. */
    public boolean isPinned() {
        return digest != null;
    }

    /** True for an explicit {@code :latest} and for a reference with neither tag nor digest. */
    public boolean isLatest() {
        return digest == null && (tag == null || tag.equals("latest"));
    }

    public ImageRef withTag(String newTag) {
        if (!TAG.matcher(newTag).matches()) {
            throw new InvalidReferenceException(newTag, "tag");
        }
        return new ImageRef(registry, repository, newTag, null);
    }

    public ImageRef withDigest(Digest newDigest) {
        return new ImageRef(registry, repository, tag, Objects.requireNonNull(newDigest));
    }

    /** {@code registry/repository} without tag or digest. */
    public String name() {
        return registry == null ? repository.value() : registry + "/" + repository.value();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name());
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageRef other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
