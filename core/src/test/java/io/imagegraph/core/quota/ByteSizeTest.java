package io.imagegraph.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void parsesBytesAndBothKindsOfUnits() {
        assertThat(ByteSize.parse("1048576")).isEqualTo(1_048_576L);
        assertThat(ByteSize.parse("500MiB")).isEqualTo(500L << 20);
        assertThat(ByteSize.parse("2 GiB")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("1.5GB")).isEqualTo(1_500_000_000L);
        assertThat(ByteSize.parse("10kB")).isEqualTo(10_000L);
    }

    @Test
    void aTextThatIsNoSize_isRefusedSayingTheForms() {
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("'lots' is not a size")
                .hasMessageContaining("500MiB");
    }

    @Test
    void formatsInBinaryUnits() {
        assertThat(ByteSize.format(12)).isEqualTo("12 B");
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.format(3L << 30)).isEqualTo("3.0 GiB");
    }
}
