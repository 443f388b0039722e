package io.imagegraph.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewestByKeyTest {

    private record Item(String key, int n) {
    }

    private static List<Item> items(long seed, int count) {
        Random random = new Random(seed);
        List<Item> items = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            items.add(new Item(random.nextInt(10) == 0 ? null : "k" + random.nextInt(8), n));
        }
        return items;
    }

    @Test
    void newest_keepsTheLastOfEachKey_inJournalOrder_andDropsNullKeys() {
        List<Item> items = List.of(new Item("a", 0), new Item("b", 1), new Item(null, 2), new Item("a", 3));
        assertThat(NewestByKey.newest(Item::key).compact(List.of(), items)).containsExactly(new Item("b", 1), new Item("a", 3));
    }

    @Test
    void last_keepsTheLastCountOfEachKey() {
        List<Item> items = List.of(new Item("a", 0), new Item("a", 1), new Item("a", 2), new Item("b", 3));
        assertThat(NewestByKey.last(2, Item::key).compact(List.of(), items))
                .containsExactly(new Item("a", 1), new Item("a", 2), new Item("b", 3));
        assertThatThrownBy(() -> NewestByKey.last(0, Item::key)).hasMessageContaining("at least one");
    }

    @Test
    void compactingInBatches_givesWhatCompactingTheWholeGives() {
        List<Compaction<Item>> compactions = List.of(NewestByKey.newest(Item::key), NewestByKey.last(3, Item::key),
                AnyOf.of(NewestByKey.newest(Item::key), NewestByKey.last(2, item -> item.n() % 3 == 0 ? "x" : null)));
        for (long seed = 0; seed < 30; seed++) {
            List<Item> all = items(seed, 200);
            Random cuts = new Random(seed);
            for (Compaction<Item> compaction : compactions) {
                List<Item> kept = List.of();
                int from = 0;
                while (from < all.size()) {
                    int to = Math.min(all.size(), from + 1 + cuts.nextInt(40));
                    kept = compaction.compact(kept, all.subList(from, to));
                    from = to;
                }
                assertThat(kept).as("seed " + seed).isEqualTo(compaction.compact(List.of(), all));
            }
        }
    }
}
