# A tiny stock keeper, the code under test for the SimpleCov sample.
class Inventory
  def initialize
    @stock = Hash.new(0)
  end

  def add(item, quantity)
    raise ArgumentError, "quantity must be positive: #{quantity}" if quantity <= 0

    @stock[item] += quantity
  end

  def remove(item, quantity)
    current = @stock[item]
    return false if current < quantity

    if current == quantity
      @stock.delete(item)
    else
      @stock[item] = current - quantity
    end
    true
  end

  def count(item)
    @stock[item]
  end

  def describe(item)
    count = count(item)
    return "#{item}: out of stock" if count.zero?
    return "#{item}: low (#{count})" if count < 5

    "#{item}: #{count}"
  end
end
