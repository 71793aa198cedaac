import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// No secret at rest: after the suite, no file of the app's data dir (the
// databases, their WAL files, the log) holds any secret a test was shown.
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export default function teardown() {
  const home = process.env.KEYDESK_E2E_HOME!;
  const issued = process.env.KEYDESK_E2E_ISSUED!;
  if (!existsSync(issued)) throw new Error('no secrets were noted: the scan would prove nothing');
  const secrets = readFileSync(issued, 'utf8').split('\n').filter(Boolean);
  const scanned = files(home).filter((f) => !f.includes(`${join(home, 'keyring')}`));
  for (const file of scanned) {
    const data = readFileSync(file).toString('latin1');
    for (const secret of secrets) {
      // The random part alone is enough to leak the key.
      if (data.includes(secret.slice(secret.indexOf('_') + 1, secret.indexOf('_') + 30))) {
        throw new Error(`${file} holds a secret issued during the run`);
      }
    }
  }
  console.log(`secrets at rest: 0 of ${secrets.length} secrets found in ${scanned.length} files`);
}
