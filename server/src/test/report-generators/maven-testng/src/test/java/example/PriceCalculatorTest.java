package example;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

public class PriceCalculatorTest
{
    private final PriceCalculator calculator = new PriceCalculator();

    @Test(groups = "pricing")
    public void membersGetTenPercentOffFromTenItems()
    {
        assertEquals(calculator.totalCents(1000, 10, true), 9000);
    }

    @Test(groups = "pricing")
    public void membersPayFullPriceBelowTenItems()
    {
        // Deliberately wrong expectation: the sample needs a failing test.
        assertEquals(calculator.totalCents(1000, 9, true), 8100, "discount below ten items");
    }

    @DataProvider
    public Object[][] shipping()
    {
        return new Object[][] {{"NL", 6000L, 0L}, {"DE", 6000L, 695L}, {"US", 100L, 1995L}};
    }

    @Test(dataProvider = "shipping", groups = "shipping")
    public void shippingByCountry(String country, long total, long expected)
    {
        assertEquals(calculator.shippingCents(total, country), expected);
    }

    @Test(groups = "shipping")
    public void shippingToUnknownCountryIsRejected()
    {
        // Deliberately unexpected exception: the sample needs a test that errors.
        calculator.shippingCents(100, null);
    }

    @Test(dependsOnMethods = "shippingToUnknownCountryIsRejected")
    public void shippingQuoteIsCached()
    {
    }

    @Test(enabled = false)
    public void notYetWritten()
    {
    }
}
