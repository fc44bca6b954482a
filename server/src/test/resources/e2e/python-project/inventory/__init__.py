"""A tiny stock keeper."""


class Inventory:
    def __init__(self):
        self._stock = {}

    def add(self, item, count):
        if count <= 0:
            raise ValueError("count must be positive")
        self._stock[item] = self._stock.get(item, 0) + count

    def remove(self, item, count):
        if self._stock.get(item, 0) < count:
            raise ValueError(f"not enough {item}")
        self._stock[item] -= count

    def count(self, item):
        return self._stock.get(item, 0)
