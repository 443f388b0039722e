package io.imagegraph.core.track;

import io.imagegraph.core.state.Journal;
import io.imagegraph.core.state.StateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is deployed where, from the {@code deployments} journal: the digests retention must never
 * delete and deployment overrides pin.
 */
public final class Deployments {

    public static final String JOURNAL = "deployments";

    private final Journal<DeploymentRecord> journal;

    private Deployments(Journal<DeploymentRecord> journal) {
        this.journal = journal;
    }

    public static Deployments in(StateStore store) {
        return new Deployments(store.journal(JOURNAL, DeploymentRecord.class));
    }

    public void record(List<DeploymentRecord> records) throws IOException {
        journal.append(records);
    }

    /** What each environment runs of each repository now: the latest record of each pair. */
    public List<DeploymentRecord> current() throws IOException {
        Map<String, DeploymentRecord> latest = new LinkedHashMap<>();
        for (DeploymentRecord record : journal.read()) {
            latest.put(record.environment() + " " + record.repository(), record);
        }
        return new ArrayList<>(latest.values());
    }
}
