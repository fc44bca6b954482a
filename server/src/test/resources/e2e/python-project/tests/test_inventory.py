import unittest

import pytest

from inventory import Inventory


def test_add_and_count():
    stock = Inventory()
    stock.add("apples", 2)
    stock.add("apples", 3)
    assert stock.count("apples") == 5


def test_remove_more_than_there_is():
    stock = Inventory()
    stock.add("pears", 1)
    with pytest.raises(ValueError, match="not enough pears"):
        stock.remove("pears", 2)


@pytest.mark.skip(reason="persistence comes later")
def test_saves_to_disk():
    pass


class CountTest(unittest.TestCase):
    def test_unknown_items_count_zero(self):
        self.assertEqual(Inventory().count("plums"), 0)
