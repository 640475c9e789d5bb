import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Ed25519 private key that signs checkpoints, from a PEM file. With `createIfMissing` (the
 * default path in the data directory) a missing key is generated, readable by its owner only
 * (mode 0600). A key the operator named must exist: a silently new key would sign a new story.
 */
export function loadSigningKey(file: string, { createIfMissing }: { createIfMissing: boolean }): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !createIfMissing)
      throw new Error(`cannot read the audit signing key ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    pem = createKeyFile(file);
  }
  const key = parseKey(() => createPrivateKey(pem), file);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the audit signing key ${file} is not an Ed25519 private key`);
  return key;
}

/** The key that checks checkpoints: the public half of the signing key, or a public key PEM on its own. */
export function loadVerifyingKey(file: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the audit signing key ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const key = parseKey(() => createPublicKey(pem), file);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the audit signing key ${file} is not an Ed25519 key`);
  return key;
}

function parseKey(parse: () => KeyObject, file: string): KeyObject {
  try {
    return parse();
  } catch {
    // Never the parser's message: it may quote the file.
    throw new Error(`the audit signing key ${file} is not a PEM key`);
  }
}

function createKeyFile(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  try {
    // 'wx': two processes starting at once keep the first key, not one each.
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw new Error(`cannot create the audit signing key ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unwritable'}`);
  }
}
