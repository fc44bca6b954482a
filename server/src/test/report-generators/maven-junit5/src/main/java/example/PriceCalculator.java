package example;

public class PriceCalculator
{
    public long totalCents(long unitCents, int quantity, boolean member)
    {
        long total = unitCents * quantity;
        if (member && quantity >= 10) {
            total = total * 90 / 100;
        }
        return total;
    }

    public long shippingCents(long totalCents, String country)
    {
        switch (country) {
            case "NL":
                return totalCents > 5000 ? 0 : 495;
            case "DE":
                return 695;
            default:
                return 1995;
        }
    }
}
