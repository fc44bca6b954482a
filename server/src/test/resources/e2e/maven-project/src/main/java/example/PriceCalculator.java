package example;

/** Prices an order: ten or more items get 10 % off. */
public final class PriceCalculator
{
    public long totalCents(long unitCents, int quantity)
    {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative");
        }
        long total = unitCents * quantity;
        return quantity >= 10 ? total * 9 / 10 : total;
    }
}
