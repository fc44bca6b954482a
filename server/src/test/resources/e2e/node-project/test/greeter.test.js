'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { greet } = require('../src/greeter');

test('greets by name', () => {
  assert.strictEqual(greet('Ada'), 'Hello, Ada!');
});

test('needs a name', () => {
  assert.throws(() => greet(''), /a name is needed/);
});

test('greets in French', { skip: 'translations come later' }, () => {});
