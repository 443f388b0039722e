package io.imagegraph.core.promote;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Brings the tags of one promotion to all new or all old, deciding only on what the registry says
 * when each tag is read back, never on the answers the moves got (an answer can be lost after the
 * registry applied a PUT). Mixed tags are put back to their old digests, unless a tag that did not
 * exist before has moved: no registry can be relied on to delete a tag alone (the CNCF registry
 * cannot), so then the promotion is finished instead. A tag someone else moved in the meantime is
 * left alone. What cannot be read back stays unknown: the caller keeps the promotion pending.
 */
final class TagSettlement {

    /** Where a tag was found. */
    enum Place {
        /** At the digest it had before the promotion (or still absent, when it had none). */
        OLD,
        /** At the tested digest. */
        NEW,
        /** At a third digest, put there by someone else. */
        ELSEWHERE,
        /** Not known: the registry did not answer the read-back. */
        UNKNOWN
    }

    /**
     * One tag after settling.
     *
     * @param tag     the tag
     * @param place   where it is
     * @param now     the digest it points at, when known
     * @param problem   why it is unknown, or why putting it right failed
     * @param corrected   whether settling put it (back) where it is
     */
    record Settled(IntendedTag tag, Place place, Optional<Digest> now, String problem, boolean corrected) {
    }

    /** Which way a mixed promotion is brought together. */
    enum Direction { BACK, FORWARD }

    /**
     * Every tag of a promotion after settling.
     *
     * @param tags      each tag, in the order given
     * @param direction where the tags are being brought, when they were mixed
     */
    record Settlement(List<Settled> tags, Direction direction) {

        /** All new or all old, and none unknown. */
        boolean isWhole() {
            return TagSettlement.isWhole(tags);
        }

        /** Whether this tag is where the settlement wants it (or was left alone as another's). */
        boolean isSettled(Settled tag) {
            return isWhole() || tag.place() == Place.ELSEWHERE
                    || tag.place() == (direction == Direction.BACK ? Place.OLD : Place.NEW);
        }

        Settled of(IntendedTag tag) {
            return tags.stream().filter(settled -> settled.tag().equals(tag)).findFirst().orElseThrow();
        }
    }

    private final Registries registries;
    private final int parallelism;

    TagSettlement(Registries registries, int parallelism) {
        this.registries = registries;
        this.parallelism = parallelism;
    }

    /** Reads every tag back and, when they are mixed, moves the minority side so that all agree. */
    Settlement settle(List<IntendedTag> tags) throws InterruptedException {
        List<Settled> found = readBack(tags);
        Direction direction = direction(found);
        if (isWhole(found)) {
            return new Settlement(found, direction);
        }
        List<Optional<String>> corrections = ParallelCalls.map(parallelism, found,
                settled -> correct(settled, direction));
        List<Settled> after = readBack(tags);
        return new Settlement(IntStream.range(0, after.size()).mapToObj(i -> {
            Settled now = after.get(i);
            Optional<String> correction = corrections.get(i);
            boolean corrected = correction.isPresent() && correction.get().isEmpty() && now.place() != found.get(i).place();
            String problem = now.problem() != null || correction.isEmpty() || correction.get().isEmpty() ? now.problem()
                    : correction.get();
            return new Settled(now.tag(), now.place(), now.now(), problem, corrected);
        }).toList(), direction);
    }

    /** No tag unknown, and none new beside one old (a tag moved by someone else counts as neither). */
    static boolean isWhole(List<Settled> tags) {
        boolean anyNew = tags.stream().anyMatch(t -> t.place() == Place.NEW);
        boolean anyOld = tags.stream().anyMatch(t -> t.place() == Place.OLD);
        return tags.stream().noneMatch(t -> t.place() == Place.UNKNOWN) && !(anyNew && anyOld);
    }

    /** Back, unless a tag that did not exist before is (or may be) at the new digest. */
    static Direction direction(List<Settled> tags) {
        return tags.stream().anyMatch(t -> t.tag().before() == null && (t.place() == Place.NEW
                || t.place() == Place.UNKNOWN)) ? Direction.FORWARD : Direction.BACK;
    }

    List<Settled> readBack(List<IntendedTag> tags) throws InterruptedException {
        return ParallelCalls.map(parallelism, tags, this::read);
    }

    private Settled read(IntendedTag tag) throws InterruptedException {
        Optional<Digest> now;
        try {
            now = registries.named(tag.registry()).head(tag.location().repository(), tag.tag())
                    .map(ManifestDescriptor::digest);
        } catch (RegistryException e) {
            return new Settled(tag, Place.UNKNOWN, Optional.empty(), e.getMessage(), false);
        }
        Place place = now.isPresent() && now.get().equals(tag.afterDigest()) ? Place.NEW
                : now.map(Digest::toString).equals(Optional.ofNullable(tag.before())) ? Place.OLD : Place.ELSEWHERE;
        return new Settled(tag, place, now, null, false);
    }

    /**
     * Puts one tag at the direction's end: empty when it needed nothing, else the empty text when
     * the registry took it, or why it failed.
     */
    private Optional<String> correct(Settled settled, Direction direction) throws InterruptedException {
        IntendedTag tag = settled.tag();
        boolean wanted = direction == Direction.BACK ? settled.place() == Place.NEW
                || settled.place() == Place.UNKNOWN && tag.before() != null
                : settled.place() == Place.OLD || settled.place() == Place.UNKNOWN;
        if (!wanted) {
            return Optional.empty();
        }
        Digest target = direction == Direction.BACK ? tag.beforeDigest().orElseThrow() : tag.afterDigest();
        try {
            Registry into = registries.named(tag.registry());
            Manifest manifest = into.manifest(tag.location().repository(), target.toString())
                    .orElseThrow(() -> RegistryException.of("put " + tag.reference() + " at " + target, into.name(),
                            "the manifest " + target + " is no longer in " + tag.location()));
            into.putManifest(tag.location().repository(), tag.tag(), manifest);
            return Optional.of("");
        } catch (RegistryException e) {
            return Optional.of(e.getMessage());
        }
    }
}
