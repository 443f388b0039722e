package io.imagegraph.core.track;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageNames;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.upstream.UpstreamCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The tag events a build or a promotion makes, read off its report. */
public final class TagEvents {

    private TagEvents() {
    }

    /**
     * A {@code built} or {@code reused} event for each registry tag of each pushed image (the
     * input-digest tags are bookkeeping, not history). Images that were not pushed have no
     * registry digest and no event.
     */
    public static List<TagEvent> ofBuild(BuildReport report) {
        List<TagEvent> events = new ArrayList<>();
        String time = report.finished().toString();
        for (ImageResult image : report.images()) {
            if (!image.status().isSuccess() || image.digest().isEmpty()) {
                continue;
            }
            TagCause cause = image.status() == ImageStatus.BUILT ? TagCause.BUILT : TagCause.REUSED;
            for (String tagged : image.tags()) {
                ImageRef ref = ImageRef.parse(tagged);
                if (ref.registry().isEmpty() || ref.tag().isEmpty() || ImageNames.isInputTag(ref.tag().get())) {
                    continue;
                }
                events.add(new TagEvent(ref.registry().get() + "/" + ref.repository(), ref.tag().get(),
                        image.digest().get(), null, cause, time, report.runId(), image.name(), null));
            }
        }
        return events;
    }

    /**
     * A {@code promoted} event for each tag a promotion moved, with its previous digest. A
     * promotion that was rolled back moved nothing for good, so it makes no event; one with
     * pending tags makes none either: its recovery decides where they end up and reports that.
     */
    public static List<TagEvent> ofPromotion(PromotionReport report, String runId, Instant time) {
        List<TagEvent> events = new ArrayList<>();
        if (report.dryRun() || report.count(MoveStatus.PENDING) > 0) {
            return events;
        }
        for (MoveResult move : report.moves()) {
            if (move.status() == MoveStatus.MOVED) {
                events.add(new TagEvent(move.to().toString(), move.tag(), move.after().toString(),
                        move.before().map(Object::toString).orElse(null), TagCause.PROMOTED, time.toString(), runId,
                        move.image(), null));
            }
        }
        return events;
    }

    /**
     * An {@code imported} event for each upstream tag a poll or webhook saw at a new digest (or for
     * the first time): upstream repositories get a tag history too.
     */
    public static List<TagEvent> ofUpstream(List<UpstreamCheck> checks, Instant time) {
        List<TagEvent> events = new ArrayList<>();
        for (UpstreamCheck check : checks) {
            if (check.status() == UpstreamCheck.Status.MOVED || check.status() == UpstreamCheck.Status.FIRST_SEEN) {
                events.add(new TagEvent(check.repository(), check.tag(), check.digest(), check.previousTag() != null
                        && check.previousTag().equals(check.tag()) ? check.previousDigest() : null, TagCause.IMPORTED,
                        time.toString(), null, null, check.reason()));
            }
        }
        return events;
    }
}
