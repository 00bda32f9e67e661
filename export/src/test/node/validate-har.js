// Validates a HAR file with har-validator (HAR 1.2 JSON Schema).
// Usage: node validate-har.js FILE.har
// Prints "valid" and exits 0, or prints the schema errors and exits 1.
'use strict';
const fs = require('fs');
const validator = require('har-validator');

const har = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
validator.har(har).then(
  () => console.log('valid'),
  (err) => {
    console.log(JSON.stringify(err.errors, null, 2));
    process.exit(1);
  });
