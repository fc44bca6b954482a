'use strict';
// A stand-in for a bundler: copies the sources into dist/ with a banner.
const fs = require('node:fs');
const path = require('node:path');
const { version } = require('./package.json');

fs.mkdirSync('dist', { recursive: true });
for (const file of fs.readdirSync('src')) {
  const text = fs.readFileSync(path.join('src', file), 'utf8');
  fs.writeFileSync(path.join('dist', file), `/* greeter ${version} */\n${text}`);
}
console.log(`bundled ${fs.readdirSync('dist').length} file(s) into dist/`);
