// Shipping prices in cents.
function shippingCents(totalCents, country) {
  switch (country) {
    case 'NL':
      return totalCents > 5000 ? 0 : 495;
    case 'DE':
      return 695;
    default:
      return 1995;
  }
}

module.exports = { shippingCents };
