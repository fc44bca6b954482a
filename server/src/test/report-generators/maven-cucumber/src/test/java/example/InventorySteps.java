package example;

import io.cucumber.java.PendingException;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import static org.junit.jupiter.api.Assertions.assertEquals;

public class InventorySteps
{
    private final Inventory inventory = new Inventory();
    private boolean removed;

    @Given("an empty inventory")
    public void anEmptyInventory()
    {
    }

    @Given("{int} {word} in stock")
    public void inStock(int quantity, String item)
    {
        inventory.add(item, quantity);
    }

    @When("I remove {int} {word}")
    public void iRemove(int quantity, String item)
    {
        removed = inventory.remove(item, quantity);
    }

    @Then("there are {int} {word} left")
    public void thereAreLeft(int quantity, String item)
    {
        assertEquals(quantity, inventory.count(item));
    }

    @Then("the removal is refused")
    public void theRemovalIsRefused()
    {
        assertEquals(false, removed);
    }

    @Then("the description is {string}")
    public void theDescriptionIs(String description)
    {
        assertEquals(description, inventory.describe(description.substring(0, description.indexOf(':'))));
    }

    @When("I import the supplier catalogue")
    public void iImportTheSupplierCatalogue()
    {
        throw new PendingException("catalogue import is not written yet");
    }
}
