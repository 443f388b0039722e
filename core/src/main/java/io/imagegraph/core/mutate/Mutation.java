package io.imagegraph.core.mutate;

import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An image followed and re-published with other metadata: the upstream {@code from} (by tag), the
 * {@code to} it is pushed under, and the overrides applied to its config. No layer changes.
 *
 * @param name      the mutation's name in the graph file
 * @param from      the image followed, with registry and tag
 * @param to        where the overridden image goes, with registry and tag
 * @param overrides what its config gets
 */
public record Mutation(String name, ImageRef from, ImageRef to, ConfigOverrides overrides) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");

    public Mutation {
        if (from.registry().isEmpty() || to.registry().isEmpty()) {
            throw new IllegalArgumentException("mutation " + name + ": name the registry in from and to"
                    + " (registry/repository:tag)");
        }
        if (from.digest().isPresent()) {
            throw new IllegalArgumentException("mutation " + name + ": from " + from + " is pinned by digest, so it can"
                    + " never move; name it by tag to follow it");
        }
        if (to.digest().isPresent() || to.tag().isEmpty()) {
            throw new IllegalArgumentException("mutation " + name + ": to " + to + " must be registry/repository:tag");
        }
        if (to.name().equals(from.name()) && to.tag().equals(from.tag())) {
            throw new IllegalArgumentException("mutation " + name + ": to is the same tag as from (" + from
                    + "); the overridden image needs a tag of its own");
        }
    }

    /** The mutations of a graph file's (or overrides file's) section, checked and with their defaults. */
    public static Map<String, Mutation> of(Map<String, MutationEntry> entries) {
        Map<String, Mutation> mutations = new java.util.TreeMap<>();
        entries.forEach((name, entry) -> mutations.put(name, of(name, entry)));
        return java.util.Collections.unmodifiableMap(mutations);
    }

    static Mutation of(String name, MutationEntry entry) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("mutation name '" + name + "' must be lower-case letters, digits and"
                    + " . _ - (it becomes part of a tag)");
        }
        if (entry == null || entry.from() == null || entry.from().isBlank()) {
            throw new IllegalArgumentException("mutation " + name + " has no 'from': name the image to follow"
                    + " (registry/repository:tag)");
        }
        ImageRef from = parse(name, "from", entry.from());
        if (from.tag().isEmpty() && from.digest().isEmpty()) {
            from = from.withTag("latest");
        }
        ImageRef to = entry.to() == null || entry.to().isBlank()
                ? from.withTag(from.tag().orElse("latest") + "-" + name) : parse(name, "to", entry.to());
        return new Mutation(name, from, to, entry.overrides());
    }

    private static ImageRef parse(String name, String field, String text) {
        try {
            return ImageRef.parse(text);
        } catch (InvalidReferenceException e) {
            throw new IllegalArgumentException("mutation " + name + ": " + field + " '" + text + "' is not an image"
                    + " reference: " + e.getMessage());
        }
    }
}
