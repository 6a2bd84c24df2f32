#!/usr/bin/env node
// The registry serves only the linux builds of some optional native binaries (msgpackr-extract via
// bullmq, @unrs/resolver-binding-* via jest), so `npm install` leaves their entries out of the lockfile
// while still listing them as optionalDependencies, and `npm ci` then rejects the lockfile. This drops
// each optionalDependencies entry that has no `node_modules/<name>` package entry. Run after adding a dependency.
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
let removed = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  if (!pkg.optionalDependencies) continue;
  for (const name of Object.keys(pkg.optionalDependencies)) {
    const nested = key ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) {
      delete pkg.optionalDependencies[name];
      removed++;
    }
  }
  if (Object.keys(pkg.optionalDependencies).length === 0) delete pkg.optionalDependencies;
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`fix-lockfile: removed ${removed} optional entries with no package`);
