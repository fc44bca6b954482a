package example;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryTest
{
    private final Inventory inventory = new Inventory();

    @Test
    void addedItemsAreCounted()
    {
        inventory.add("apple", 3);
        inventory.add("apple", 2);
        assertEquals(5, inventory.count("apple"));
    }

    @Test
    void removingMoreThanInStockFails()
    {
        inventory.add("pear", 1);
        assertFalse(inventory.remove("pear", 2));
    }

    @Test
    void describesLowStock()
    {
        inventory.add("plum", 2);
        // Deliberately wrong expectation: the sample needs a failing test.
        assertEquals("plum: 2", inventory.describe("plum"));
    }

    @Test
    void removingUnknownItemThrows()
    {
        // Deliberately unexpected exception: the sample needs a test in error.
        inventory.add("fig", Integer.parseInt("many"));
    }

    @Test
    @Disabled("waiting for bulk import")
    void importsCsv()
    {
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsNonPositiveQuantities(int quantity)
    {
        assertThrows(IllegalArgumentException.class, () -> inventory.add("kiwi", quantity));
    }

    @Nested
    class WhenEmpty
    {
        @Test
        void describesOutOfStock()
        {
            assertEquals("melon: out of stock", inventory.describe("melon"));
        }

        @Test
        void removeReturnsFalse()
        {
            assertTrue(!inventory.remove("melon", 1));
        }
    }
}
