from inventory import Inventory


def main():
    stock = Inventory()
    stock.add("apples", 3)
    print(f"apples: {stock.count('apples')}")


if __name__ == "__main__":
    main()
