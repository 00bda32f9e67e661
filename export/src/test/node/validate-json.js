// Validates JSON Lines against a JSON Schema (draft 2020-12) with ajv and ajv-formats, strict mode.
// Usage: node validate-json.js SCHEMA.json INSTANCES.jsonl
// Prints one JSON result per input line: {"valid":true} or {"valid":false,"errors":[...]}.
// Exits 0 when it could check every line (valid or not), 2 when the schema itself is rejected.
'use strict';
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

// Strict, except strictRequired: it rejects the standard idiom anyOf [{required: [a]}, {required: [b]}]
// ("a or b must be present") because a and b are defined in the parent's properties, not beside it.
// discriminator: the schema's oneOf names its branch by "type", so errors come from that branch only.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
} catch (e) {
  console.log('schema rejected: ' + e.message);
  process.exit(2);
}
const lines = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l.trim() !== '');
for (const line of lines) {
  const valid = validate(JSON.parse(line));
  console.log(JSON.stringify(valid ? { valid } : { valid, errors: validate.errors }));
}
