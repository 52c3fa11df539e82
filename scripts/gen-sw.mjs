// Trunk post-build hook: writes sw.js into the staging directory with the list of every built
// file (Trunk's hashed names included) and a version derived from their contents.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || 'dist';
const files = [];
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name !== 'sw.js' && !/\.(br|gz)$/.test(name)) files.push(path);
  }
})(dir);

const hash = createHash('sha256');
for (const file of files) hash.update(relative(dir, file)).update(readFileSync(file));
const version = hash.digest('hex').slice(0, 16);
const urls = files.map((f) => '/' + relative(dir, f).split('\\').join('/'));
const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'sw.js'), template.replace('__VERSION__', version).replace('__FILES__', JSON.stringify(urls, null, 1)));
console.log(`sw.js: ${urls.length} files, version ${version}`);
