package io.imagegraph.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepRecordTest {

    private static StepRecord record() {
        LinkedHashMap<String, Object> value = new LinkedHashMap<>();
        value.put("app", new LinkedHashMap<>(Map.of("status", "built")));
        return new StepRecord(false, Optional.of("1 image failed"), List.of("2 images: 1 built, 1 failed"), value,
                "run-1", "/ws/.imagegraph/runs/run-1/build-report.json", Map.of("lineage.svg", "<svg/>"),
                List.of("docker.io/library/debian:12"));
    }

    @Test
    void toMap_isPlainJavaTypes_thatCrossASerializingChannel_andReadBackTheSame() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(record().toMap());
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) back;
        assertThat(StepRecord.fromMap(map)).isEqualTo(record());
    }

    @Test
    void withSummaryLine_addsALine() {
        assertThat(record().withSummaryLine("promotion (dry run): 1 tag planned").summary()).hasSize(2);
    }

    @Test
    void ofValue_hasNoRunAndSucceeds() {
        StepRecord plan = StepRecord.ofValue(new LinkedHashMap<>(), List.of("0 of 0 images to build"));
        assertThat(plan.succeeded()).isTrue();
        assertThat(plan.runId()).isEmpty();
        assertThat(plan.files()).isEmpty();
    }

    @Test
    void stopped_isNoSuccess_keepsTheRunsFiles_saysWhy_andCrossesToTheController() {
        StepRecord stopped = record().stopped("buildImageGraph was stopped; 1 image was not built");

        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.succeeded()).isFalse();
        assertThat(stopped.failure()).contains("stopped: buildImageGraph was stopped; 1 image was not built");
        assertThat(stopped.summary()).endsWith("stopped: buildImageGraph was stopped; 1 image was not built");
        assertThat(stopped.files()).isEqualTo(record().files());
        assertThat(stopped.runId()).isEqualTo("run-1");
        assertThat(StepRecord.fromMap(stopped.toMap())).isEqualTo(stopped);
    }

    @Test
    void aRecordOfAStepThatRanToItsEnd_isNotStopped() {
        assertThat(record().stopped()).isFalse();
        assertThat(StepRecord.fromMap(record().toMap()).stopped()).isFalse();
    }
}
