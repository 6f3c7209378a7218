import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** `../shared` beside the checkout: the seed and the recorded API responses (always there in CI). */
export const SHARED = join(REPO, "..", "shared");
export const SEED = join(SHARED, "seeds", "000_f6b501323f8e2232.txt");
export const HAS_SEED = existsSync(SEED);
/** Printed by tests that skip because ../shared is absent, so the skip is never silent. */
export const NO_SEED_MESSAGE = `../shared is missing (looked for ${SEED}): seed tests skipped`;
