package io.imagegraph.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.promote.IntendedTag;
import io.imagegraph.core.promote.PromotionIntent;
import io.imagegraph.core.track.HoldEvent;
import io.imagegraph.core.track.TagCause;
import io.imagegraph.core.track.TagEvent;
import io.imagegraph.core.upstream.UpstreamDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    /** How the journals wrote and read their records before, with Jackson's data binding. */
    private static final ObjectMapper DATABIND = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final List<LineageRecord> LINEAGE = List.of(
            new LineageRecord("keystone", "built", "sha256:aa", "quay.io/acme/keystone", "sha256:in",
                    List.of(new LineageRecord.ParentDigest("base", "sha256:bb")), List.of("debian:12@sha256:cc"),
                    "abc123", "2026-12-02T10:00:00Z", "run-1", 61_000),
            new LineageRecord("base", "failed", null, null, null, null, null, null, "2026-12-02T10:00:00Z", "run-1", 0));
    private static final List<TagEvent> TAGS = List.of(
            new TagEvent("quay.io/acme/keystone", "latest", "sha256:aa", "sha256:99", TagCause.PROMOTED,
                    "2026-12-02T10:00:00Z", "run-1", "keystone", null),
            new TagEvent("quay.io/acme/keystone", "test", "sha256:aa", null, TagCause.BUILT, "t", null, null, "ü ✓ \"q\""));
    private static final List<HoldEvent> HOLDS = List.of(
            new HoldEvent("sha256:aa", true, "CVE-2026-1", "t", "alice", "trivy"),
            new HoldEvent("sha256:aa", false, null, "t", null, null));
    private static final List<PromotionIntent> PROMOTIONS = List.of(
            new PromotionIntent("p1", "run-1", "t", PromotionIntent.MOVING, List.of(
                    new IntendedTag("keystone", "quay.io", "acme/keystone", "latest", null, "sha256:aa"),
                    new IntendedTag("glance", "quay.io", "acme/glance", "latest", "sha256:01", "sha256:02"))));
    private static final List<UpstreamDigest> UPSTREAM = List.of(
            new UpstreamDigest("debian", "docker.io/library/debian", "12", "sha256:dd", null, null, "t", "poll"));

    private static <T> List<T> read(RecordJson<T> json, String text) throws Exception {
        List<T> records = new ArrayList<>();
        try (JsonParser parser = RecordJson.parser(text.getBytes(StandardCharsets.UTF_8))) {
            for (T record = json.next(parser); record != null; record = json.next(parser)) {
                records.add(record);
            }
        }
        return records;
    }

    private static <T> String databindLines(List<T> records) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (T record : records) {
            lines.append(DATABIND.writeValueAsString(record)).append('\n');
        }
        return lines.toString();
    }

    private static <T> void assertSameAsDatabind(Class<T> type, List<T> records) throws Exception {
        RecordJson<T> json = RecordJson.of(type);
        String written = json.lines(records);
        assertThat(written).as("the same lines as data binding wrote").isEqualTo(databindLines(records));
        assertThat(read(json, databindLines(records))).as("data binding's lines read back").isEqualTo(records);
        List<T> byDatabind = new ArrayList<>();
        DATABIND.readerFor(type).readValues(written).forEachRemaining(value -> byDatabind.add(type.cast(value)));
        assertThat(byDatabind).as("its lines read by data binding").isEqualTo(records);
    }

    @Test
    void journalRecords_areWrittenAndReadAsDataBindingDid() throws Exception {
        assertSameAsDatabind(LineageRecord.class, LINEAGE);
        assertSameAsDatabind(TagEvent.class, TAGS);
        assertSameAsDatabind(HoldEvent.class, HOLDS);
        assertSameAsDatabind(PromotionIntent.class, PROMOTIONS);
        assertSameAsDatabind(UpstreamDigest.class, UPSTREAM);
        assertThat(RecordJson.of(TagEvent.class).lines(List.of())).isEmpty();
    }

    @Test
    void unknownProperties_areSkipped_andMissingOnesAreNullOrZero() throws Exception {
        List<LineageRecord> records = read(RecordJson.of(LineageRecord.class),
                "{\"image\":\"a\",\"extra\":{\"deep\":[1,{\"x\":2}]},\"later\":[true]}\n\n{\"image\":\"b\",\"durationMillis\":null}");
        assertThat(records).containsExactly(
                new LineageRecord("a", null, null, null, null, List.of(), List.of(), null, null, null, 0),
                new LineageRecord("b", null, null, null, null, List.of(), List.of(), null, null, null, 0));
    }

    @Test
    void scalarsAsDataBindingCoercesThem_numberAsString_andStringAsNumberOrBoolean() throws Exception {
        assertThat(read(RecordJson.of(HoldEvent.class), "{\"digest\":12,\"held\":\"true\"}"))
                .containsExactly(new HoldEvent("12", true, null, null, null, null));
        assertThat(read(RecordJson.of(LineageRecord.class), "{\"durationMillis\":\"42\"}").get(0).durationMillis())
                .isEqualTo(42);
    }

    @Test
    void enumValueThatIsNoneOfItsNames_isRefused_namingThem() {
        assertThatThrownBy(() -> read(RecordJson.of(TagEvent.class), "{\"cause\":\"stolen\"}"))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("expected one of built, imported, mutated, promoted, reused, rollback, found a string at \"cause\"");
    }

    @Test
    void valueOfTheWrongShape_isRefused_withWhereItIs() {
        assertThatThrownBy(() -> read(RecordJson.of(LineageRecord.class), "{\"image\":\"a\"}\n{\"parents\":\"base\"}"))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("expected a list, found a string at \"parents\"")
                .satisfies(e -> assertThat(((JsonParseException) e).getLocation().getLineNr()).isEqualTo(2));
        assertThatThrownBy(() -> read(RecordJson.of(LineageRecord.class), "[\"not\", \"an object\"]"))
                .hasMessageContaining("expected a JSON object, found a list");
        assertThatThrownBy(() -> read(RecordJson.of(LineageRecord.class), "{\"durationMillis\":\"soon\"}"))
                .hasMessageContaining("expected a whole number, found a string at \"durationMillis\"");
    }

    /** A record whose constructor checks its values. */
    record Checked(String name) {
        Checked {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a name is needed");
            }
        }
    }

    @Test
    void recordItsConstructorRefuses_isRefused_withTheConstructorsReason() {
        assertThatThrownBy(() -> read(RecordJson.of(Checked.class), "{\"name\":\"  \"}"))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("not a valid Checked: a name is needed");
    }

    record WithMap(Map<String, String> labels) {
    }

    @Test
    void componentOfATypeItDoesNotWrite_isRefusedWhenTheCodecIsMade() {
        assertThatThrownBy(() -> RecordJson.of(WithMap.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be of type java.util.Map<java.lang.String, java.lang.String>");
        assertThatThrownBy(() -> RecordJson.of(String.class)).hasMessageContaining("java.lang.String is no record");
    }
}
