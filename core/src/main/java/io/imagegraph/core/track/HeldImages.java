package io.imagegraph.core.track;

import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.promote.PromotionSource;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the holds keep from promotion: each held digest, and through the lineage records every
 * image built on one, at any depth (a held base blocks its children and their children). An
 * external base counts when the build was pinned to its digest.
 */
public final class HeldImages {

    /**
     * One digest that may not be promoted.
     *
     * @param digest     the blocked digest
     * @param image      the graph image it is, when the lineage knows ({@code null} for a held base from elsewhere)
     * @param repository where it was built for, when the lineage knows
     * @param builtOn    the blocked digest it was built on ({@code null} when it is held itself)
     * @param hold       the hold at the root of it
     */
    public record Blocked(String digest, String image, String repository, String builtOn, HoldEvent hold) {

        /** Why it may not be promoted, in words. */
        public String reason() {
            String held = hold.digest() + " is held (" + hold.reason() + ")";
            if (builtOn == null) {
                return held;
            }
            return (image == null ? digest : image + " " + digest) + " is built on "
                    + (builtOn.equals(hold.digest()) ? "" : builtOn + ", and so on ") + held;
        }
    }

    private final Map<String, Blocked> blocked;

    private HeldImages(Map<String, Blocked> blocked) {
        this.blocked = blocked;
    }

    public static HeldImages of(Map<String, HoldEvent> holds, List<LineageRecord> lineage) {
        Map<String, Blocked> blocked = new LinkedHashMap<>();
        Map<String, LineageRecord> known = new LinkedHashMap<>();
        lineage.forEach(record -> known.putIfAbsent(record.digest(), record));
        holds.forEach((digest, hold) -> {
            LineageRecord record = known.get(digest);
            blocked.put(digest, new Blocked(digest, record == null ? null : record.image(),
                    record == null ? null : record.repository(), null, hold));
        });
        // Children are recorded after their parents, but a rebuilt parent can come later: repeat
        // until nothing more is found.
        boolean grew = !blocked.isEmpty();
        while (grew) {
            grew = false;
            for (LineageRecord record : lineage) {
                if (blocked.containsKey(record.digest())) {
                    continue;
                }
                Optional<Blocked> base = basesOf(record).stream().map(blocked::get).filter(b -> b != null).findFirst();
                if (base.isPresent()) {
                    blocked.put(record.digest(), new Blocked(record.digest(), record.image(), record.repository(),
                            base.get().digest(), base.get().hold()));
                    grew = true;
                }
            }
        }
        return new HeldImages(blocked);
    }

    private static List<String> basesOf(LineageRecord record) {
        List<String> bases = new ArrayList<>();
        record.parents().forEach(parent -> {
            if (parent.digest() != null) {
                bases.add(parent.digest());
            }
        });
        for (String external : record.externalBases()) {
            try {
                ImageRef.parse(external).digest().ifPresent(digest -> bases.add(digest.toString()));
            } catch (InvalidReferenceException e) {
                // a base the lineage wrote as it was written; without a digest it names no fixed image
            }
        }
        return bases;
    }

    /** Why this digest may not be promoted, when it may not. */
    public Optional<Blocked> blocking(String digest) {
        return Optional.ofNullable(blocked.get(digest));
    }

    /** Every blocked digest: the held ones first, then what is built on them. */
    public List<Blocked> all() {
        return List.copyOf(blocked.values());
    }

    /** The images of a promotion that the holds refuse, with the reason, by image name. */
    public Map<String, String> refusing(List<PromotionSource> sources) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (PromotionSource source : sources) {
            blocking(source.tested().toString()).ifPresent(b -> refused.put(source.image(), b.reason()));
        }
        return refused;
    }
}
