"""A tiny stock keeper, the code under test for the pytest and coverage.py samples."""


class Inventory:
    def __init__(self):
        self._stock = {}

    def add(self, item, quantity):
        if quantity <= 0:
            raise ValueError(f"quantity must be positive: {quantity}")
        self._stock[item] = self._stock.get(item, 0) + quantity

    def remove(self, item, quantity):
        current = self._stock.get(item)
        if current is None or current < quantity:
            return False
        if current == quantity:
            del self._stock[item]
        else:
            self._stock[item] = current - quantity
        return True

    def count(self, item):
        return self._stock.get(item, 0)

    def describe(self, item):
        count = self.count(item)
        if count == 0:
            return f"{item}: out of stock"
        if count < 5:
            return f"{item}: low ({count})"
        return f"{item}: {count}"


def shipping_cents(total_cents, country):
    if country == "NL":
        return 0 if total_cents > 5000 else 495
    if country == "DE":
        return 695
    return 1995
