import defaultModel from './data/default-router.json' with { type: 'json' };
import type { RouterModelFile } from './model-file.js';
import { readRouterModel, routerModelFromFile, type RouterModel } from './router-model.js';

let shipped: RouterModel | undefined;

/** A router model from a file, or the model shipped with this release (trained by tools/train-default-router.ts). */
export function loadRouterModel(path?: string): RouterModel {
  if (path !== undefined) return readRouterModel(path);
  shipped ??= routerModelFromFile(defaultModel as unknown as RouterModelFile);
  return shipped;
}
