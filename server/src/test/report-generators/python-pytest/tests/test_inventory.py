import pytest

from inventory import Inventory, shipping_cents


@pytest.fixture
def inventory():
    return Inventory()


def test_added_items_are_counted(inventory):
    inventory.add("apple", 3)
    inventory.add("apple", 2)
    assert inventory.count("apple") == 5


def test_removing_more_than_in_stock_fails(inventory):
    inventory.add("pear", 1)
    assert not inventory.remove("pear", 2)


def test_describes_low_stock(inventory):
    inventory.add("plum", 2)
    # Deliberately wrong expectation: the sample needs a failing test.
    assert inventory.describe("plum") == "plum: 2"


@pytest.mark.parametrize("quantity", [0, -1])
def test_rejects_non_positive_quantities(inventory, quantity):
    with pytest.raises(ValueError):
        inventory.add("kiwi", quantity)


@pytest.mark.skip(reason="waiting for bulk import")
def test_imports_csv(inventory):
    pass


@pytest.mark.xfail(reason="rounding is not decided yet")
def test_free_shipping_at_exactly_fifty_euros():
    assert shipping_cents(5000, "NL") == 0


@pytest.fixture
def catalogue():
    # Deliberately broken fixture: the sample needs a test in error.
    raise RuntimeError("catalogue service unavailable")


def test_catalogue_lists_apples(catalogue):
    assert "apple" in catalogue


class TestShipping:
    def test_germany(self):
        assert shipping_cents(100, "DE") == 695

    def test_netherlands_below_fifty_euros(self):
        assert shipping_cents(100, "NL") == 495
