Feature: Inventory
  Stock is added and removed per item.

  Background:
    Given an empty inventory

  Scenario: Removing part of the stock
    Given 5 apples in stock
    When I remove 2 apples
    Then there are 3 apples left

  Scenario: Removing more than is in stock
    Given 1 pears in stock
    When I remove 2 pears
    Then the removal is refused

  # The second example fails on purpose: the sample needs a failing scenario.
  Scenario Outline: Describing stock levels
    Given <count> plums in stock
    Then the description is "<description>"

    Examples:
      | count | description   |
      | 7     | plums: 7      |
      | 2     | plums: 2      |

  Scenario: Importing the catalogue
    When I import the supplier catalogue
    Then there are 0 kiwis left

  Scenario: Counting crates
    Given 3 crates of figs in stock
