package example;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PriceCalculatorTest
{
    private final PriceCalculator calculator = new PriceCalculator();

    @Test
    void membersGetTenPercentOffFromTenItems()
    {
        assertEquals(9000, calculator.totalCents(1000, 10, true));
    }

    @Test
    void nonMembersPayFullPrice()
    {
        assertEquals(10000, calculator.totalCents(1000, 10, false));
    }

    @Test
    void freeShippingInTheNetherlandsAboveFiftyEuros()
    {
        assertEquals(0, calculator.shippingCents(6000, "NL"));
    }
}
