package example;

import java.util.HashMap;
import java.util.Map;

public class Inventory
{
    private final Map<String, Integer> stock = new HashMap<>();

    public void add(String item, int quantity)
    {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        stock.merge(item, quantity, Integer::sum);
    }

    public boolean remove(String item, int quantity)
    {
        Integer current = stock.get(item);
        if (current == null || current < quantity) {
            return false;
        }
        if (current == quantity) {
            stock.remove(item);
        }
        else {
            stock.put(item, current - quantity);
        }
        return true;
    }

    public int count(String item)
    {
        return stock.getOrDefault(item, 0);
    }

    public String describe(String item)
    {
        int count = count(item);
        if (count == 0) {
            return item + ": out of stock";
        }
        if (count < 5) {
            return item + ": low (" + count + ")";
        }
        return item + ": " + count;
    }
}
