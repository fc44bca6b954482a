// A tiny stock keeper, the code under test for the jest samples.
class Inventory {
  constructor() {
    this.stock = new Map();
  }

  add(item, quantity) {
    if (quantity <= 0) {
      throw new Error(`quantity must be positive: ${quantity}`);
    }
    this.stock.set(item, (this.stock.get(item) || 0) + quantity);
  }

  remove(item, quantity) {
    const current = this.stock.get(item);
    if (current === undefined || current < quantity) {
      return false;
    }
    if (current === quantity) {
      this.stock.delete(item);
    } else {
      this.stock.set(item, current - quantity);
    }
    return true;
  }

  count(item) {
    return this.stock.get(item) || 0;
  }

  describe(item) {
    const count = this.count(item);
    if (count === 0) {
      return `${item}: out of stock`;
    }
    return count < 5 ? `${item}: low (${count})` : `${item}: ${count}`;
  }
}

module.exports = { Inventory };
