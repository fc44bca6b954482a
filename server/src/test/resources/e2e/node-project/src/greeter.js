'use strict';

function greet(name) {
  if (!name) {
    throw new Error('a name is needed');
  }
  return `Hello, ${name}!`;
}

module.exports = { greet };
