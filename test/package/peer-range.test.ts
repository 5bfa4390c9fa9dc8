// The React Native peer range as npm reads it: npm checks a peer with semver's satisfies (loose, without
// includePrerelease), so a prerelease such as the Expo template's 0.88.0-rc.2 only passes a range that names
// its own major.minor.patch with a prerelease. The pack test proves the same with npm itself.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, test } from 'vitest';

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
};
const range = manifest.peerDependencies['react-native'] ?? '';
/** What npm's dependency check answers for this React Native version. */
const npmAccepts = (version: string) => semver.satisfies(version, range, true);

describe('the react-native peer range', () => {
  test.each([
    '0.76.0',
    '0.81.6',
    '0.88.1',
    '1000.0.0',
    '0.76.0-rc.0',
    '0.88.0-rc.2',
    '0.89.0-nightly-20260926-d7ff82ebe',
    '0.99.0-rc.1',
    '1.0.0-rc.0',
  ])('accepts %s', (version) => {
    expect(npmAccepts(version), range).toBe(true);
  });

  test.each(['0.75.4', '0.75.0-rc.1', '0.70.0', '0.74.0-0'])('rejects %s', (version) => {
    expect(npmAccepts(version), range).toBe(false);
  });

  test('the release Expo 58 templates ship is accepted', () => {
    expect(npmAccepts('0.88.0-rc.2')).toBe(true);
    // The range npm shipped before: what made `npm install keepcall` fail with ERESOLVE in the template.
    expect(semver.satisfies('0.88.0-rc.2', '>=0.76', true)).toBe(false);
  });
});
