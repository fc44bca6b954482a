require 'simplecov'
SimpleCov.start do
  enable_coverage :branch
  add_filter '/test/'
end

require 'minitest/autorun'
require_relative '../lib/inventory'
require_relative '../lib/shipping'

class InventoryTest < Minitest::Test
  def setup
    @inventory = Inventory.new
  end

  def test_added_items_are_counted
    @inventory.add('apple', 3)
    @inventory.add('apple', 2)
    assert_equal 5, @inventory.count('apple')
  end

  def test_removing_more_than_in_stock_fails
    @inventory.add('pear', 1)
    refute @inventory.remove('pear', 2)
  end

  def test_describes_low_stock
    @inventory.add('plum', 2)
    assert_equal 'plum: low (2)', @inventory.describe('plum')
  end

  def test_shipping_to_germany
    assert_equal 695, Shipping.cents(100, 'DE')
  end
end
