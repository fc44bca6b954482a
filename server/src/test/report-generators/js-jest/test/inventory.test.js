const { Inventory } = require('../src/inventory');
const { shippingCents } = require('../src/shipping');

describe('Inventory', () => {
  let inventory;
  beforeEach(() => {
    inventory = new Inventory();
  });

  test('counts added items', () => {
    inventory.add('apple', 3);
    inventory.add('apple', 2);
    expect(inventory.count('apple')).toBe(5);
  });

  test('refuses to remove more than is in stock', () => {
    inventory.add('pear', 1);
    expect(inventory.remove('pear', 2)).toBe(false);
  });

  // Deliberately wrong expectation: the sample needs a failing test.
  test('describes low stock', () => {
    inventory.add('plum', 2);
    expect(inventory.describe('plum')).toBe('plum: 2');
  });

  test.each([0, -1])('rejects quantity %i', (quantity) => {
    expect(() => inventory.add('kiwi', quantity)).toThrow('quantity must be positive');
  });

  test.skip('imports a CSV file', () => {});

  test.todo('exports the stock as CSV');

  describe('when empty', () => {
    test('describes an item as out of stock', () => {
      expect(inventory.describe('melon')).toBe('melon: out of stock');
    });
  });
});

describe('shipping', () => {
  test('is free in the Netherlands above fifty euros', () => {
    expect(shippingCents(6000, 'NL')).toBe(0);
  });
});
