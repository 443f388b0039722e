package io.imagegraph.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.promote.PromotionReportJson;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineValuesTest {

    @Test
    void ofBuild_givesEachImageItsStatusDigestAndTags() {
        Map<String, Object> images = PipelineValues.ofBuild(RunFixtures.build());
        assertThat(images).containsOnlyKeys("base", "app", "tool", "docs");
        @SuppressWarnings("unchecked")
        Map<String, Object> app = (Map<String, Object>) images.get("app");
        assertThat(app).containsEntry("status", "built").containsEntry("digest", RunFixtures.APP_DIGEST)
                .containsEntry("tags", List.of("127.0.0.1:5000/acme/app:test"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tool = (Map<String, Object>) images.get("tool");
        assertThat(tool).containsEntry("status", "failed").containsEntry("digest", "")
                .containsEntry("reason", "RUN make failed with exit code 2");
    }

    @Test
    void ofBuild_isMadeOfPlainSerializableTypes_whichPipelineCanKeep() throws Exception {
        LinkedHashMap<String, Object> images = PipelineValues.ofBuild(RunFixtures.build());
        assertPlain(images);
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(images);
        }
    }

    @Test
    void ofJson_aPromotionReport_isPlainMapsAndLists() throws Exception {
        StringWriter json = new StringWriter();
        PromotionReportJson.write(RunFixtures.promotion(false), json);
        LinkedHashMap<String, Object> report = PipelineValues.ofJson(json.toString());
        assertThat(report).containsEntry("succeeded", true);
        assertPlain(report);
    }

    @Test
    void ofJson_notAnObject_isRefused() {
        assertThatThrownBy(() -> PipelineValues.ofJson("[1, 2]")).hasMessageContaining("not a JSON object");
    }

    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            assertThat(map).isInstanceOf(LinkedHashMap.class);
            map.values().forEach(PipelineValuesTest::assertPlain);
        } else if (value instanceof List<?> list) {
            assertThat(list).isInstanceOf(ArrayList.class);
            list.forEach(PipelineValuesTest::assertPlain);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Boolean.class, Integer.class, Long.class, Double.class);
        }
    }
}
