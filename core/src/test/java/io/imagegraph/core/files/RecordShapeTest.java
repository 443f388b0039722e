package io.imagegraph.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordShapeTest {

    private record Pair(String name, List<String> tags, int count) {
        Pair {
            if (count < 0) {
                throw new IllegalArgumentException("a count is not negative");
            }
        }
    }

    @Test
    void shape_isTheComponentsInOrder_withTheirTypes() {
        RecordShape shape = RecordShape.of(Pair.class);
        assertThat(shape.names()).containsExactly("name", "tags", "count");
        assertThat(shape.indexOf("tags")).isEqualTo(1);
        assertThat(shape.indexOf("other")).isEqualTo(-1);
        assertThat(shape.genericType(1).getTypeName()).isEqualTo("java.util.List<java.lang.String>");
        assertThat(shape.rawType(2)).isEqualTo(int.class);
    }

    @Test
    void make_andComponent_goThroughTheCanonicalConstructorAndAccessors_ofAPrivateRecord() throws Exception {
        RecordShape shape = RecordShape.of(Pair.class);
        Object pair = shape.make("a", List.of("x"), 2);
        assertThat(pair).isEqualTo(new Pair("a", List.of("x"), 2));
        assertThat(shape.component(pair, 0)).isEqualTo("a");
        assertThat(shape.component(pair, 2)).isEqualTo(2);
    }

    @Test
    void make_thatTheConstructorRefuses_givesItsReasonAsTheCause() {
        assertThatThrownBy(() -> RecordShape.of(Pair.class).make("a", null, -1))
                .isInstanceOf(InvocationTargetException.class)
                .cause().hasMessage("a count is not negative");
    }

    @Test
    void of_aClassThatIsNoRecord_isRefused() {
        assertThatThrownBy(() -> RecordShape.of(String.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("java.lang.String is no record");
    }
}
