// Stops the build with what to install when this Node.js is older than the one the build needs
// (node scripts/check-node.mjs 20.19.0). Written for old Node versions too: no newer syntax.
const needed = (process.argv[2] || '20.19.0').split('.').map(Number);
const have = process.versions.node.split('.').map(Number);
for (let i = 0; i < 3; i++) {
  if ((have[i] || 0) > (needed[i] || 0)) process.exit(0);
  if ((have[i] || 0) < (needed[i] || 0)) {
    console.error(
      'Node.js ' + process.versions.node + ' is too old: the dashboard (module web) needs Node.js ' +
        needed.join('.') + ' or newer (Vite 8). Install it, e.g. NodeSource\'s nodejs package or nvm;' +
        ' Debian 12\'s own nodejs is 18.',
    );
    process.exit(1);
  }
}
