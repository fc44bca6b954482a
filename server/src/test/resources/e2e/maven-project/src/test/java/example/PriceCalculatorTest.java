package example;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PriceCalculatorTest
{
    private final PriceCalculator calculator = new PriceCalculator();

    @Test
    void smallOrdersPayFullPrice()
    {
        assertEquals(900, calculator.totalCents(100, 9));
    }

    @Test
    void tenItemsGetTenPercentOff()
    {
        assertEquals(900, calculator.totalCents(100, 10));
    }

    @Test
    void negativeQuantitiesAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> calculator.totalCents(100, -1));
    }

    @Test
    @Disabled("currencies come later")
    void pricesInOtherCurrencies()
    {
    }
}
