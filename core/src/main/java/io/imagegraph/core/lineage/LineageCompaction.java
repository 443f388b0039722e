package io.imagegraph.core.lineage;

import io.imagegraph.core.state.AnyOf;
import io.imagegraph.core.state.Compaction;
import io.imagegraph.core.state.NewestByKey;
import java.util.List;

/**
 * What a build needs of the lineage, whatever its length: for each image and input digest the
 * newest record of each status (which build the freshness check dates), for each repository,
 * input digest and digest the newest record (which digests a registry look-up may trust), for
 * each image its newest record (why it is built) and its last {@value DurationEstimates#RECENT} built records
 * with a duration (the estimates that order the run). A no-op rerun adds no new key, so what is
 * kept does not grow with the number of runs.
 */
public final class LineageCompaction {

    private LineageCompaction() {
    }

    public static Compaction<LineageRecord> forBuilds() {
        return AnyOf.of(
                NewestByKey.newest(record -> List.of(record.image(), String.valueOf(record.inputDigest()),
                        String.valueOf(record.status()))),
                NewestByKey.newest(record -> record.repository() == null || record.inputDigest() == null
                        || record.digest() == null ? null
                        : List.of(record.repository(), record.inputDigest(), record.digest())),
                NewestByKey.newest(LineageRecord::image),
                NewestByKey.last(DurationEstimates.RECENT, record -> "built".equals(record.status()) && record.durationMillis() > 0
                        ? record.image() : null));
    }
}
