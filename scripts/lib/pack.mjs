/**
 * Packs the package into the directory given as the only argument and prints the tarball's
 * path; fails when package.json points at a file the tarball lacks. Used by
 * `scripts/check-package.sh`, which hands the one tarball to every package check.
 */
import { packPackage } from './package.mjs';

const [dir] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: node scripts/lib/pack.mjs <directory>');
console.log(packPackage(dir));
